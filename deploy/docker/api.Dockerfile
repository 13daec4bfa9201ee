# syntax=docker/dockerfile:1
# Sipas.Api with the built web app. Build from the repository root:
#   docker build -f deploy/docker/api.Dockerfile -t sipas-api .
# No secret is baked in: the database URL and the dossier hash key come from the environment at run time.
ARG DOTNET_VERSION=10.0
ARG NODE_VERSION=20-bookworm-slim

# 1. The web app (landing page, citizen survey, staff screens) -> /web/dist
FROM node:${NODE_VERSION} AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY web/ ./
RUN npm run build

# 2. The API, published framework-dependent -> /out
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
COPY Directory.Build.props Directory.Packages.props ./
COPY api/Sipas.Api/Sipas.Api.csproj api/Sipas.Api/
COPY api/Sipas.Data/Sipas.Data.csproj api/Sipas.Data/
COPY analytics/Sipas.Analytics/Sipas.Analytics.csproj analytics/Sipas.Analytics/
COPY analytics/Sipas.Jobs/Sipas.Jobs.csproj analytics/Sipas.Jobs/
RUN dotnet restore api/Sipas.Api/Sipas.Api.csproj
COPY api/ api/
COPY analytics/ analytics/
RUN dotnet publish api/Sipas.Api/Sipas.Api.csproj -c Release --no-restore -o /out /p:UseAppHost=false

# 3. Runtime: ASP.NET Core only, non-root (the image's `app` user), port 8080.
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS final
WORKDIR /app
COPY --from=build --chown=root:root /out ./
COPY --from=web --chown=root:root /web/dist ./wwwroot
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Sipas__WebRoot=/app/wwwroot \
    Sipas__Worker__InProcess=false \
    DOTNET_gcServer=1 \
    TZ=Asia/Ho_Chi_Minh
USER $APP_UID
EXPOSE 8080
# No curl in the image: bash's /dev/tcp asks /health/live (the process answers) for a 200.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Sipas.Api.dll"]
