using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;

namespace Sipas.Data.Local;

/// <summary>Something about the local cluster that needs a person: a folder we did not create, a missing binary.</summary>
public sealed class LocalDatabaseException(string message) : Exception(message);

/// <summary>
/// A PostgreSQL cluster that Sipas creates and runs itself from the machine's PostgreSQL binaries, for
/// <c>./sipas run</c> (under <c>.data/</c>) and for tests (a throwaway folder). Layout of its folder:
/// <c>sipas-cluster.json</c> (our marker: port, state), <c>pgdata/</c>, <c>socket/</c>, <c>postgres.log</c>.
/// It never touches a folder that holds anything but its own marker's cluster. initdb refuses root, so as root
/// the cluster runs as the <c>postgres</c> system user.
/// </summary>
public sealed class LocalPostgres
{
    public const string MarkerFile = "sipas-cluster.json";
    private const string Superuser = "postgres";

    /// <summary>
    /// Settings every cluster starts with, last so that no caller overrides them: the server never writes bind parameters (a
    /// citizen's comment, a dossier code) into its log, neither with a logged statement nor with an error
    /// (docs/security.md; <c>deploy/validate.sh</c> checks the same for every shipped configuration).
    /// </summary>
    public static readonly IReadOnlyList<string> PrivacySettings =
        ["log_parameter_max_length=0", "log_parameter_max_length_on_error=0"];

    private readonly string folder;
    private readonly string[] settings;
    private Marker marker;

    private LocalPostgres(string folder, Marker marker, string[] settings)
    {
        this.folder = folder;
        this.marker = marker;
        this.settings = settings;
    }

    public int Port => marker.Port;
    public string Folder => folder;
    private string DataDir => Path.Combine(folder, "pgdata");
    private string SocketDir => Path.Combine(folder, "socket");
    private string LogFile => Path.Combine(folder, "postgres.log");

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = Superuser, Database = database,
        Timeout = 15, CommandTimeout = 300, IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>
    /// Opens the cluster in <paramref name="folder"/>, creating it (initdb) when the folder is missing or empty.
    /// Refuses a folder that has content but no Sipas marker. <paramref name="settings"/> are extra
    /// <c>-c name=value</c> server settings (tests turn fsync off).
    /// </summary>
    public static async Task<LocalPostgres> OpenAsync(string folder, IReadOnlyList<string>? settings = null,
        CancellationToken ct = default)
    {
        folder = Path.GetFullPath(folder);
        var markerPath = Path.Combine(folder, MarkerFile);
        var extra = settings?.ToArray() ?? [];
        if (File.Exists(markerPath))
        {
            var marker = JsonSerializer.Deserialize<Marker>(await File.ReadAllTextAsync(markerPath, ct))
                ?? throw new LocalDatabaseException($"{markerPath} is unreadable.");
            var existing = new LocalPostgres(folder, marker, extra);
            if (marker.State == "ready") return existing;
            // initdb was interrupted: the data folder is ours and incomplete, so start it again.
            Directory.Delete(existing.DataDir, recursive: true);
            await existing.InitialiseAsync(ct);
            return existing;
        }
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new LocalDatabaseException(
                $"Thư mục {folder} không do Sipas tạo ra (thiếu {MarkerFile}); Sipas không đụng tới nó. / " +
                $"The folder {folder} was not created by Sipas (no {MarkerFile}); refusing to touch it.");

        Directory.CreateDirectory(folder);
        var created = new LocalPostgres(folder, new Marker("sipas", "initialising", FreePort(), DateTimeOffset.UtcNow), extra);
        await created.InitialiseAsync(ct);
        return created;
    }

    private async Task InitialiseAsync(CancellationToken ct)
    {
        await WriteMarkerAsync(marker with { State = "initialising" }, ct);
        Directory.CreateDirectory(SocketDir);
        await GiveToServerUserAsync(ct);
        await RunAsync("initdb", ["-D", DataDir, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
            "--no-instructions"], ct);
        await WriteMarkerAsync(marker with { State = "ready" }, ct);
    }

    /// <summary>Starts the server unless it already runs; picks another free port when the recorded one is taken.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        if (await IsRunningAsync(ct)) return;
        if (!IsPortFree(Port)) await WriteMarkerAsync(marker with { Port = FreePort() }, ct);
        await GiveToServerUserAsync(ct);
        var options = string.Join(' ', new[] { $"-p {Port}", "-c listen_addresses=127.0.0.1", $"-k {SocketDir}" }
            .Concat(settings.Concat(PrivacySettings).Select(s => $"-c {s}")));
        await RunAsync("pg_ctl", ["-D", DataDir, "-l", LogFile, "-w", "-t", "60", "-o", options, "start"], ct);
    }

    /// <summary>Stops the server (fast shutdown: clients are disconnected, committed work is kept).</summary>
    public async Task StopAsync()
    {
        if (!await IsRunningAsync(CancellationToken.None)) return;
        await RunAsync("pg_ctl", ["-D", DataDir, "-m", "fast", "-w", "-t", "60", "stop"], CancellationToken.None);
    }

    public async Task<bool> IsRunningAsync(CancellationToken ct) =>
        Directory.Exists(DataDir) && await RunAsync("pg_ctl", ["-D", DataDir, "status"], ct, check: false) == 0;

    /// <summary>Creates <paramref name="database"/> when it does not exist yet.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "")}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Stops the server and deletes the whole folder: for throwaway test clusters only.</summary>
    public async Task DestroyAsync()
    {
        await StopAsync();
        Directory.Delete(folder, recursive: true);
    }

    private async Task WriteMarkerAsync(Marker next, CancellationToken ct)
    {
        marker = next;
        await File.WriteAllTextAsync(Path.Combine(folder, MarkerFile), JsonSerializer.Serialize(next), ct);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private async Task GiveToServerUserAsync(CancellationToken ct)
    {
        if (!IsRoot) return;
        await Process("chown", ["-R", $"{Superuser}:", folder], ct, check: true);
        if (File.Exists(Path.Combine(folder, MarkerFile)))
            await Process("chown", ["root:", Path.Combine(folder, MarkerFile)], ct, check: true);
    }

    private static Task<int> RunAsync(string tool, string[] args, CancellationToken ct, bool check = true)
    {
        var path = Binary(tool);
        return IsRoot
            ? Process("runuser", ["-u", Superuser, "--", path, .. args], ct, check)
            : Process(path, args, ct, check);
    }

    private static async Task<int> Process(string file, string[] args, CancellationToken ct, bool check)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(info)
            ?? throw new LocalDatabaseException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (check && process.ExitCode != 0)
            throw new LocalDatabaseException(
                $"{Path.GetFileName(file)} {string.Join(' ', args)} exited with {process.ExitCode}: {await error}{await output}");
        return process.ExitCode;
    }

    /// <summary>Finds a PostgreSQL binary: <c>SIPAS_PG_BIN</c>, then PATH, then Debian's /usr/lib/postgresql/*/bin.</summary>
    public static string Binary(string tool)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("SIPAS_PG_BIN") is { Length: > 0 } bin) candidates.Add(Path.Combine(bin, tool));
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool)));
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending()
                .Select(dir => Path.Combine(dir, "bin", tool)));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new LocalDatabaseException(
                $"Không tìm thấy {tool} của PostgreSQL; hãy cài PostgreSQL hoặc đặt SIPAS_PG_BIN. / " +
                $"PostgreSQL's {tool} was not found; install PostgreSQL or set SIPAS_PG_BIN.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private sealed record Marker(string CreatedBy, string State, int Port, DateTimeOffset CreatedAt);
}
