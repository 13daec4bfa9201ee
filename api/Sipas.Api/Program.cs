using Scalar.AspNetCore;
using Sipas.Api.Agencies;
using Sipas.Api.AuditLog;
using Sipas.Api.Auth;
using Sipas.Api.Clients;
using Sipas.Api.IndicatorTargets;
using Sipas.Api.ParScoring;
using Sipas.Api.Integration;
using Sipas.Api.Intake;
using Sipas.Api.Users;
using Sipas.Api.Waves;
using Sipas.Api.Citizens;
using Sipas.Api.Plans;
using Sipas.Api.PublicResults;
using Sipas.Api.Exports;
using Sipas.Api.Interviews;
using Sipas.Api.Questionnaires;
using Sipas.Api.Reference;
using Sipas.Api.ServicePoints;
using Sipas.Api.Results;
using Sipas.Api.Review;
using Sipas.Api.Setup;
using Sipas.Api.Setup.OpenApi;
using Sipas.Api.Surveyors;

var builder = WebApplication.CreateBuilder(args);

// Database: SIPAS_DATABASE_URL, a connection string, or a local cluster that this process runs itself.
var database = await SipasDatabase.ResolveAsync(builder.Configuration);
builder.Services.AddSipasDatabase(database);

// Web API basics: ProblemDetails everywhere, validation, OpenAPI, health.
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSipasProblemDetails();
builder.Services.AddValidation();
builder.Services.AddSipasOpenApi(builder.Configuration);
builder.Services.AddSipasHealthChecks();
builder.Services.AddSipasWebApp();
builder.Services.AddSipasAuth(builder.Configuration);
builder.Services.AddSipasRateLimits(builder.Configuration);
builder.Services.AddSipasWebSecurity(builder.Configuration);
builder.Services.AddSipasInput();
builder.Services.AddSipasDatabaseFaults();
builder.Services.AddSipasWorker(builder.Configuration, database.ConnectionString);
builder.Services.AddCitizens();
builder.Services.AddSipasResults();

var app = builder.Build();

if (args.Contains("migrate"))
{
    await StartupTasks.MigrateAsync(app.Services);
    return;
}
await StartupTasks.RunAsync(app);
app.Services.GetRequiredService<DossierHasher>(); // fail at start, not at the first submission, when its key is missing
Banner.PrintWhenStarted(app);

app.UseSipasWebSecurity();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSipasInput();
app.UseSipasWebApp();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.UseSipasCsrf();
app.UseSipasWorkerDashboard();

app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/api-docs", o => o.WithTitle("Sipas API").WithOpenApiRoutePattern("/openapi/{documentName}.json"))
    .AllowAnonymous();
app.MapSipasHealthChecks();
app.MapAuth();
app.MapReference();
app.MapCitizens();
app.MapPublicResults();
app.MapServicePoints();
app.MapQuestionnaires();
app.MapResults();
app.MapSurveyors();
app.MapPlans();
app.MapInterviews();
app.MapExports();
app.MapWaves();
app.MapTargets();
app.MapParScoring();
app.MapAgencies();
app.MapUsers();
app.MapAuditLog();
app.MapClients();
app.MapIntegration();
app.MapReview();
app.MapBenchNoOp();
app.MapSipasWebAppFallbacks();

app.Run();

public partial class Program;
