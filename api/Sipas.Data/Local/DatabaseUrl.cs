using Npgsql;

namespace Sipas.Data.Local;

/// <summary>
/// Where the database is, from the environment: <c>SIPAS_DATABASE_URL</c> (a <c>postgres://user:pass@host:port/db</c>
/// URL or a keyword connection string) or the standard <c>ConnectionStrings__Sipas</c>. Null means "none given":
/// the platform then runs its own local cluster.
/// </summary>
public static class DatabaseUrl
{
    public const string Variable = "SIPAS_DATABASE_URL";
    public const string StandardVariable = "ConnectionStrings__Sipas";

    public static string? FromEnvironment()
    {
        var url = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(url)) return ToConnectionString(url);
        var standard = Environment.GetEnvironmentVariable(StandardVariable);
        return string.IsNullOrWhiteSpace(standard) ? null : standard;
    }

    /// <summary>Turns a <c>postgres://</c> or <c>postgresql://</c> URL into a keyword connection string; passes keyword strings through.</summary>
    public static string ToConnectionString(string value)
    {
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return new NpgsqlConnectionStringBuilder(value).ConnectionString;

        var uri = new Uri(value);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "sipas",
        };
        if (uri.UserInfo.Split(':', 2) is [var user, ..] && user.Length > 0) builder.Username = Uri.UnescapeDataString(user);
        if (uri.UserInfo.Split(':', 2) is [_, var password]) builder.Password = Uri.UnescapeDataString(password);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]).Replace('_', ' ');
            builder[key == "sslmode" ? "SSL Mode" : key] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
        }
        return builder.ConnectionString;
    }
}
