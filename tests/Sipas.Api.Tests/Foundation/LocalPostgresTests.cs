using Sipas.Data.Local;

namespace Sipas.Api.Tests.Foundation;

public class LocalPostgresTests
{
    [Fact]
    public async Task Open_FolderItDidNotCreate_IsRefusedAndLeftUntouched()
    {
        var folder = Directory.CreateTempSubdirectory("sipas-not-ours-").FullName;
        var precious = Path.Combine(folder, "PG_VERSION");
        await File.WriteAllTextAsync(precious, "someone else's cluster", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<LocalDatabaseException>(() => LocalPostgres.OpenAsync(folder, ct: TestContext.Current.CancellationToken));

        Assert.Contains("not created by Sipas", error.Message);
        Assert.Equal(["PG_VERSION"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
        Assert.Equal("someone else's cluster", await File.ReadAllTextAsync(precious, TestContext.Current.CancellationToken));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Cluster_NeverLogsBindParameters_EvenWhenTheCallerAsksOtherwise()
    {
        var ct = TestContext.Current.CancellationToken;
        // A caller's own setting comes before the privacy settings, which win.
        var cluster = await LocalPostgres.OpenAsync(Path.Combine(Path.GetTempPath(), $"sipas-logparams-{Guid.NewGuid():N}"),
            ["fsync=off", "log_parameter_max_length=-1", "log_parameter_max_length_on_error=-1"], ct);
        try
        {
            await cluster.StartAsync(ct);
            await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString("postgres"));
            await connection.OpenAsync(ct);
            async Task<string?> Show(string name)
            {
                await using var command = new Npgsql.NpgsqlCommand($"SHOW {name}", connection);
                return (string?)await command.ExecuteScalarAsync(ct);
            }

            Assert.Equal("0", await Show("log_parameter_max_length"));
            Assert.Equal("0", await Show("log_parameter_max_length_on_error"));
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await cluster.DestroyAsync();
        }
    }

    [Theory]
    [InlineData("postgres://sipas:p%40ss@db.example:6543/sipas_prod?sslmode=require", "db.example", 6543, "sipas_prod", "sipas", "p@ss")]
    [InlineData("postgresql://db.example/x", "db.example", 5432, "x", null, null)]
    [InlineData("Host=h;Port=7000;Database=d;Username=u;Password=pw", "h", 7000, "d", "u", "pw")]
    public void DatabaseUrl_UrlOrKeywords_BecomesAConnectionString(string value, string host, int port, string database,
        string? user, string? password)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString(value));

        Assert.Equal((host, port, database, user, password), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
    }
}
