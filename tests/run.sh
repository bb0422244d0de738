#!/usr/bin/env bash
# The README's test command: installs what the tests need when it is missing, then runs every test.
#
#   tests/run.sh [dotnet test options]      e.g. tests/run.sh --filter "FullyQualifiedName~Dashboard"
#
# The tests drive real parts, not stand-ins:
#   - Chromium (Debian `chromium`) for the dashboard and GraphiQL pages;
#   - Java 17 and npm for the throwaway Neo4j 3.1.1 (tests/neo4j/neo4j-server.sh installs Neo4j itself);
#   - node and npm for the front-end libraries and the GraphQL-over-HTTP audits;
#   - Debian's python3 with networkx, which reads the graph exports as researchers do.
# On Debian (as root, or with sudo) missing packages are installed with apt-get; elsewhere the script
# says what is missing and the tests that need it fail with the same message.
set -uo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
/usr/bin/python3 -c 'import networkx' 2>/dev/null || missing+=(python3-networkx)

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo -n"
  if command -v apt-get >/dev/null; then
    echo "tests/run.sh: installing ${missing[*]} (apt-get)"
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/dev/null 2>&1 \
      || echo "tests/run.sh: could not install ${missing[*]}; the tests that need them will fail"
  else
    echo "tests/run.sh: missing ${missing[*]} (no apt-get here); the tests that need them will fail"
  fi
fi

exec dotnet test RelationsGraph.sln "$@"
