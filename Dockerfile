# syntax=docker/dockerfile:1

# Build: restore with only the project files first so the layer is cached until dependencies change.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ClaimsApi/ClaimsApi.csproj src/ClaimsApi/
RUN dotnet restore src/ClaimsApi/ClaimsApi.csproj
COPY src/ src/
RUN dotnet publish src/ClaimsApi/ClaimsApi.csproj --no-restore -c Release -o /app

# Run: the ASP.NET runtime only, as a non-root user, with the seeds shipped and the database on a volume.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /app/data && chown "$APP_UID" /app/data
COPY --from=build /app ./
COPY seeds/ ./seeds/
# The base image's own setting, stated so the port is visible here. ASPNETCORE_URLS would override it, with a
# warning ("Overriding HTTP_PORTS") at every start.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Database__ConnectionString="Data Source=/app/data/claims.db" \
    Seeds__Path=/app/seeds
VOLUME /app/data
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "ClaimsApi.dll"]
