using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Testing;
using Sipas.Data;

namespace Sipas.Api.Tests.Foundation;

public class MigrationsTests(TestHost database)
{
    [Fact]
    public async Task Migrations_EmptyDatabase_ApplyEveryMigration()
    {
        var connectionString = await database.CreateEmptyDatabaseAsync();
        await using var db = new SipasDb(SipasDbSetup.Configure(new DbContextOptionsBuilder<SipasDb>(), connectionString).Options);

        await db.Database.MigrateSipasAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var tables = await new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'sipas' AND table_name IN ('responses', 'questionnaires', 'waves', 'agencies', 'administrative_units', 'service_points', 'targets', 'users')",
            connection).ExecuteScalarAsync(TestContext.Current.CancellationToken);
        Assert.Equal(8L, tables);
    }

    [Fact]
    public async Task Migrations_EmptyDatabaseTwice_LogNoError()
    {
        var connectionString = await database.CreateEmptyDatabaseAsync();
        var logged = new ErrorLog();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logged).SetMinimumLevel(LogLevel.Warning));
        var options = SipasDbSetup.Configure(new DbContextOptionsBuilder<SipasDb>(), connectionString).UseLoggerFactory(loggers).Options;

        for (var run = 0; run < 2; run++)
        {
            await using var db = new SipasDb(options);
            await db.Database.MigrateSipasAsync(TestContext.Current.CancellationToken);
        }

        Assert.Empty(logged.Errors);
    }

    private sealed class ErrorLog : ILoggerProvider, ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error) Errors.Enqueue(formatter(state, exception));
        }
        public void Dispose() { }
    }

    [Fact]
    public void Model_HasNoChangesMissingFromTheMigrations()
    {
        using var db = database.NewDb();

        Assert.False(db.Database.HasPendingModelChanges(), "the model changed: add a migration (see SipasDb's remarks)");
    }

    [Fact]
    public async Task Responses_AnswerColumn_IsOneSmallintArrayPerResponse()
    {
        await using var db = database.NewDb();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        var type = await new NpgsqlCommand(
            "SELECT udt_name FROM information_schema.columns WHERE table_schema = 'sipas' AND table_name = 'responses' AND column_name = 'scores'",
            connection).ExecuteScalarAsync(TestContext.Current.CancellationToken);

        Assert.Equal("_int2", type);
    }
}
