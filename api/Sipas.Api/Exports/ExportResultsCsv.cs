using Microsoft.AspNetCore.Http.HttpResults;
using Sipas.Analytics.Interchange;
using Sipas.Data;
using Sipas.Jobs.Exports;

namespace Sipas.Api.Exports;

public static class ExportResultsCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>
    /// The official figures (counted channels) of the marginal groups — province, agencies, areas, communes — written
    /// by the analytics' own <see cref="ResultsCsv"/> writer from the stored rows, so the file reads back equal to them.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> Handle(int id, SipasDb db, CancellationToken ct)
    {
        var tables = await SnapshotTables.LoadAsync(db, id, ct);
        if (tables is null) return TypedResults.NotFound();
        using var buffer = new MemoryStream();
        ResultsCsv.Write(buffer, tables.ResultRows());
        return TypedResults.File(buffer.ToArray(), ContentType, $"results-{tables.Wave.Code}-snapshot-{id}.csv");
    }
}
