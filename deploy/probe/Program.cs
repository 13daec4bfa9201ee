using Npgsql;
using Sipas.Data.Local;

// sipas-probe worker [--pid N] [--max-age SECONDS]
//   exit 0 when a Hangfire server started on this host (its name is sipas-{host}-{pid}, see Sipas.Jobs) has sent
//   a heartbeat to the database within --max-age seconds (default 90); exit 1 otherwise.
// sipas-probe http URL
//   exit 0 when GET URL answers 2xx within 5 s.
// The database comes from SIPAS_DATABASE_URL or ConnectionStrings__Sipas, as for the worker itself.
if (args is ["http", var url, ..])
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
    try
    {
        var response = await http.GetAsync(url);
        Console.WriteLine($"{url}: {(int)response.StatusCode}");
        return response.IsSuccessStatusCode ? 0 : 1;
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        Console.WriteLine($"{url}: {e.Message}");
        return 1;
    }
}
if (args is not ["worker", ..])
{
    Console.Error.WriteLine("usage: sipas-probe worker [--pid N] [--max-age SECONDS] | sipas-probe http URL");
    return 2;
}

var pid = Option("--pid");
var maxAge = Option("--max-age") ?? "90";
var connectionString = DatabaseUrl.FromEnvironment();
if (connectionString is null)
{
    Console.Error.WriteLine("Set SIPAS_DATABASE_URL or ConnectionStrings__Sipas.");
    return 2;
}
var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5, CommandTimeout = 5, Pooling = false };
var prefix = $"sipas-{Environment.MachineName}-{pid ?? ""}".ToLowerInvariant();
try
{
    await using var connection = new NpgsqlConnection(builder.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("""
        SELECT count(*), coalesce(extract(epoch FROM now() - max(lastheartbeat))::int, -1)
        FROM hangfire.server
        WHERE lower(id) LIKE $1 AND lastheartbeat > now() - make_interval(secs => $2)
        """, connection);
    command.Parameters.AddWithValue(prefix + (pid is null ? "%" : ":%"));
    command.Parameters.AddWithValue(double.Parse(maxAge));
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    var (servers, age) = (reader.GetInt64(0), reader.GetInt32(1));
    Console.WriteLine(servers > 0
        ? $"{servers} Hangfire server(s) {prefix}* alive, last heartbeat {age} s ago"
        : $"no Hangfire server {prefix}* with a heartbeat in the last {maxAge} s");
    return servers > 0 ? 0 : 1;
}
catch (Exception e) when (e is NpgsqlException or TimeoutException)
{
    Console.WriteLine($"database unreachable: {e.Message}");
    return 1;
}

string? Option(string name) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
