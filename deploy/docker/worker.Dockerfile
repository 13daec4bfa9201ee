# syntax=docker/dockerfile:1
# Sipas.Worker: the Hangfire server that runs the analytics jobs. Build from the repository root:
#   docker build -f deploy/docker/worker.Dockerfile -t sipas-worker .
# No secret is baked in: SIPAS_DATABASE_URL comes from the environment at run time.
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
COPY Directory.Build.props Directory.Packages.props ./
COPY api/Sipas.Data/Sipas.Data.csproj api/Sipas.Data/
COPY analytics/Sipas.Analytics/Sipas.Analytics.csproj analytics/Sipas.Analytics/
COPY analytics/Sipas.Jobs/Sipas.Jobs.csproj analytics/Sipas.Jobs/
COPY analytics/Sipas.Worker/Sipas.Worker.csproj analytics/Sipas.Worker/
COPY deploy/probe/Sipas.Probe.csproj deploy/probe/
RUN dotnet restore analytics/Sipas.Worker/Sipas.Worker.csproj \
 && dotnet restore deploy/probe/Sipas.Probe.csproj
COPY api/ api/
COPY analytics/ analytics/
COPY deploy/probe/ deploy/probe/
RUN dotnet publish analytics/Sipas.Worker/Sipas.Worker.csproj -c Release --no-restore -o /out /p:UseAppHost=false \
 && dotnet publish deploy/probe/Sipas.Probe.csproj -c Release --no-restore -o /probe /p:UseAppHost=false

# Sipas.Data references the ASP.NET Core shared framework (Identity), so the worker needs the aspnet runtime
# image, not the plain runtime one (its runtimeconfig.json names Microsoft.AspNetCore.App).
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS final
WORKDIR /app
COPY --from=build --chown=root:root /out ./
COPY --from=build --chown=root:root /probe /probe
ENV TZ=Asia/Ho_Chi_Minh DOTNET_gcServer=1
USER $APP_UID
# Healthy while this container's Hangfire server has sent a heartbeat to the database in the last 90 s.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["dotnet", "/probe/Sipas.Probe.dll", "worker"]
ENTRYPOINT ["dotnet", "Sipas.Worker.dll"]
