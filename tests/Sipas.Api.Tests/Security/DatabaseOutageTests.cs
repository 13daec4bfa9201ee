using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Sipas.Api.Intake;
using Sipas.Api.Citizens;
using Sipas.Api.Setup;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;

namespace Sipas.Api.Tests.Security;

/// <summary>A database that is down or does not answer: requests give up within their timeouts and answer 503.</summary>
public class DatabaseOutageTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void TheAppsConnection_HasTheConnectTimeout()
    {
        var connection = new NpgsqlConnectionStringBuilder(App.Services.GetRequiredService<SipasDatabase>().ConnectionString);

        Assert.Equal(5, connection.Timeout);
    }

    /// <summary>A server that accepts TCP connections and never says a word (a half-dead host, a network cut).</summary>
    [Fact]
    public async Task Writer_DatabaseThatNeverAnswers_TellsCallersToRetryWithinTheConnectTimeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<Socket>();
        _ = Task.Run(async () => { while (true) held.Add(await silent.AcceptSocketAsync()); }, Ct);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sipas:Database:ConnectTimeoutSeconds"] = "2",
        }).Build();
        var connectionString = SipasDatabase.WithTimeouts(
            $"Host=127.0.0.1;Port={((IPEndPoint)silent.LocalEndpoint).Port};Username=sipas;Database=sipas", configuration);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var writer = new ResponseWriter(dataSource, configuration, NullLogger<ResponseWriter>.Instance);
        await writer.StartAsync(Ct);
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<StorageUnavailableException>(() => writer.WriteAsync(new Response
        {
            Id = Guid.NewGuid(), WaveId = 1, QuestionnaireId = 1, Channel = Channels.Web, AreaCode = "construction", AgencyId = 1,
            Stratum = "s", SubmittedAt = DateTimeOffset.UtcNow, ReceivedAt = DateTimeOffset.UtcNow, Scores = [4],
            ContentHash = SHA256.HashData([1]),
        }, Ct));

        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 6);
        await writer.StopAsync(Ct);
        held.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task LostConnection_Is503ProblemWithRetryAfter_ButADataFaultIsNot()
    {
        var handler = ActivatorUtilities.CreateInstance<DatabaseFaults>(App.Services);
        var http = new DefaultHttpContext { RequestServices = App.Services };
        http.Response.Body = new MemoryStream();
        var lost = new NpgsqlException("Exception while reading from stream", new EndOfStreamException());
        var refusedValue = new PostgresException("unsupported Unicode escape sequence", "ERROR", "ERROR", "22P05");

        var handled = await handler.TryHandleAsync(http, new InvalidOperationException("query failed", lost), Ct);

        Assert.True(handled);
        Assert.Equal(503, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        http.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(http.Response.Body, cancellationToken: Ct);
        Assert.Equal("storage-unavailable", problem.GetProperty("code").GetString());
        Assert.False(DatabaseFaults.IsUnavailable(refusedValue));
        Assert.True(DatabaseFaults.IsUnavailable(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));
    }
}
