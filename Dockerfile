# The relationsgraph command (API, worker, CLI) in one image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# npm restores the browser libraries (the dashboard's cytoscape and chart.js, GraphiQL and React) during the build.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/RelationsGraph.Cli -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
COPY seeds /app/seeds
ENV ASPNETCORE_URLS=http://0.0.0.0:8080
# a 32 MB allocation budget between young garbage collections (about 6 MB by default): half as many
# pauses over the multi-GB heap of a large embedded graph (README, Benchmarks); read only from the environment
ENV DOTNET_GCgen0size=0x2000000
EXPOSE 8080
ENTRYPOINT ["dotnet", "relationsgraph.dll"]
CMD ["serve", "--ingest", "/app/seeds"]
