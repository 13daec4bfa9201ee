using Sipas.Data;
using Sipas.Data.Local;
using Sipas.Jobs;

// The scale-out worker: a Hangfire server running Sipas.Jobs against the same database as the API.
var builder = Host.CreateApplicationBuilder(args);
var connectionString = DatabaseUrl.FromEnvironment() ?? builder.Configuration.GetConnectionString("Sipas")
    ?? throw new InvalidOperationException("Set SIPAS_DATABASE_URL or ConnectionStrings__Sipas.");
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSipasDb(connectionString);
builder.Services.AddSipasJobs(connectionString, runServer: true,
    workerCount: builder.Configuration.GetValue("Sipas:Worker:Count", Environment.ProcessorCount));
builder.Build().Run();
