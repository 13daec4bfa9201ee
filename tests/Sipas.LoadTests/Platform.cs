using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Sipas.Data;
using Sipas.Data.Local;
using Sipas.Data.Seed;
using Sipas.Testing;

namespace Sipas.LoadTests;

/// <summary>
/// The platform as it runs in production, for benchmarks: a throwaway PostgreSQL cluster with default durability
/// (fsync and synchronous commit on) and the built Sipas.Api as a separate process on a loopback port.
/// </summary>
public sealed class Platform : IAsyncDisposable
{
    private LocalPostgres cluster = null!;
    private Process api = null!;
    private IReadOnlyDictionary<string, string> settings = new Dictionary<string, string>();
    private string dossierKey = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
    public string ConnectionString { get; private set; } = "";
    public string BaseUrl { get; private set; } = "";
    /// <summary>The PostgreSQL cluster (stop and start it to simulate a database restart).</summary>
    public LocalPostgres Cluster => cluster;
    /// <summary>The API process's id (it changes when the API is restarted).</summary>
    public int ApiProcessId => api.Id;

    public static async Task<Platform> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var platform = new Platform();
        platform.cluster = await LocalPostgres.OpenAsync(Path.Combine(Path.GetTempPath(), $"sipas-bench-pg-{Guid.NewGuid():N}"),
            ["max_connections=200", "shared_buffers=512MB"]);
        await platform.cluster.StartAsync();
        await platform.cluster.EnsureDatabaseAsync("sipas");
        platform.ConnectionString = platform.cluster.ConnectionString("sipas");
        await using (var db = platform.NewDb())
        {
            await db.Database.MigrateSipasAsync();
            await Sipas.Jobs.JobsSetup.InstallSchemaAsync(platform.ConnectionString);
            await ReferenceData.SeedAsync(db, TimeProvider.System);
        }

        platform.settings = settings;
        platform.BaseUrl = $"http://127.0.0.1:{FreePort()}";
        await platform.StartApiAsync();
        return platform;
    }

    /// <summary>Starts the API process on <see cref="BaseUrl"/> and waits until /health/ready answers.</summary>
    public async Task StartApiAsync()
    {
        var platform = this;
        var dll = Path.Combine(RepositoryData.RepositoryRoot, "api", "Sipas.Api", "bin", "Release", "net10.0", "Sipas.Api.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build the API first: dotnet build api/Sipas.Api -c Release", dll);
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, "--urls", platform.BaseUrl, "--Sipas:Worker:InProcess=false", "--Logging:LogLevel:Default=Warning",
                     $"--Sipas:WebRoot={Path.Combine(RepositoryData.RepositoryRoot, "web", "dist")}" }
                     .Concat(settings.Select(s => $"--{s.Key}={s.Value}")))
            info.ArgumentList.Add(arg);
        info.Environment["SIPAS_DATABASE_URL"] = platform.ConnectionString;
        info.Environment["Sipas__DossierHashKey"] = platform.dossierKey;
        platform.api = Process.Start(info)!;
        platform.api.OutputDataReceived += (_, _) => { };
        platform.api.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"api: {e.Data}"); };
        platform.api.BeginOutputReadLine();
        platform.api.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            try
            {
                if ((await http.GetAsync($"{platform.BaseUrl}/health/ready")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) when (i < 120)
            {
            }
            if (i >= 120) throw new TimeoutException("the API did not become ready");
            await Task.Delay(250);
        }
    }

    /// <summary>kill -9 of the API process (no shutdown: what was queued in memory is gone).</summary>
    public async Task KillApiAsync()
    {
        api.Kill(entireProcessTree: true);
        await api.WaitForExitAsync();
    }

    public SipasDb NewDb() => new(SipasDbSetup.Configure(new DbContextOptionsBuilder<SipasDb>(), ConnectionString).Options);

    /// <summary>An open wave with the seeded questionnaires and <paramref name="count"/> service points of Sở Xây dựng.</summary>
    public async Task<string[]> OpenWaveAsync(int count)
    {
        await using var db = NewDb();
        var agency = await db.Agencies.SingleAsync(a => a.Code == "so-xay-dung");
        db.Waves.Add(new Wave
        {
            Code = "BENCH", NameVi = "Đợt đo hiệu năng", NameEn = "Benchmark wave", Status = WaveStatus.Open,
            StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 12, 31), LookbackFrom = new DateOnly(2026, 1, 1),
            LookbackTo = new DateOnly(2026, 12, 31), Questionnaires = await db.Questionnaires.Where(q => q.Status == QuestionnaireStatus.Published).ToListAsync(),
        });
        var codes = Enumerable.Range(1, count).Select(i => $"XD-{i:00}").ToArray();
        db.ServicePoints.AddRange(codes.Select(code => new Sipas.Data.ServicePoint
        {
            Code = code, NameVi = $"Quầy {code}", AgencyId = agency.Id, AreaCode = "construction", CreatedAt = DateTimeOffset.UtcNow,
        }));
        await db.SaveChangesAsync();
        return codes;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (api is { HasExited: false })
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
        }
        Npgsql.NpgsqlConnection.ClearAllPools();
        await cluster.DestroyAsync();
    }
}
