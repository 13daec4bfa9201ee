using System.Reflection;
using System.Text.Json;

namespace Sipas.Data.Seed;

/// <summary>The seed files embedded from <c>api/Sipas.Data/Seed</c> (reference data and questionnaire JSON).</summary>
public static class SeedFiles
{
    private static readonly Assembly Assembly = typeof(SeedFiles).Assembly;
    private const string Prefix = "Sipas.Data.Seed.";

    public static byte[] Read(string relativeName)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + relativeName)
            ?? throw new FileNotFoundException($"Seed file {relativeName} is not embedded.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static JsonDocument ReadJson(string relativeName) => JsonDocument.Parse(Read(relativeName));

    /// <summary>The names of the embedded questionnaire files, e.g. <c>sipas-dvhcc@2025.1.json</c>.</summary>
    public static IEnumerable<string> Questionnaires() =>
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix + "questionnaires/", StringComparison.Ordinal))
            .Select(n => n[(Prefix + "questionnaires/").Length..])
            .Order(StringComparer.Ordinal);
}
