# syntax=docker/dockerfile:1
# The EF Core migrations bundle (`dotnet ef migrations bundle`, the tool pinned in dotnet-tools.json).
# Build from the repository root:
#   docker build -f deploy/docker/migrate.Dockerfile -t sipas-migrations .
# It applies the schema only; the reference data (communes, agencies, questionnaires, targets) is loaded
# afterwards by `Sipas.Api migrate` in the API image (the Kubernetes Job and compose run both, in that order).
# The bundle reads SIPAS_DATABASE_URL (or ConnectionStrings__Sipas) through Sipas.Data's design-time factory,
# so no connection string is baked in; `--connection "Host=...;..."` works too.
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS bundle
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
COPY dotnet-tools.json Directory.Build.props Directory.Packages.props ./
RUN dotnet tool restore
COPY api/Sipas.Data/Sipas.Data.csproj api/Sipas.Data/
COPY analytics/Sipas.Analytics/Sipas.Analytics.csproj analytics/Sipas.Analytics/
RUN dotnet restore api/Sipas.Data/Sipas.Data.csproj
COPY api/Sipas.Data/ api/Sipas.Data/
COPY analytics/Sipas.Analytics/ analytics/Sipas.Analytics/
RUN dotnet ef migrations bundle --project api/Sipas.Data --startup-project api/Sipas.Data \
      --configuration Release --output /out/efbundle --force

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS final
WORKDIR /migrate
COPY --from=bundle --chown=root:root /out/efbundle ./efbundle
USER $APP_UID
# A one-shot container: nothing to probe while it runs, it exits 0 when the schema is current.
HEALTHCHECK NONE
ENTRYPOINT ["/migrate/efbundle"]
