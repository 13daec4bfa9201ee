using Microsoft.AspNetCore.Http.HttpResults;
using Sipas.Data;
using Sipas.Jobs.Exports;

namespace Sipas.Api.Exports;

public static class ExportSummaryXlsx
{
    /// <summary>The summary tables of <see cref="SummaryWorkbook"/> for snapshot <paramref name="id"/>.</summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> Handle(int id, SipasDb db, CancellationToken ct)
    {
        var tables = await SnapshotTables.LoadAsync(db, id, ct);
        if (tables is null) return TypedResults.NotFound();
        using var buffer = new MemoryStream();
        SummaryWorkbook.Write(tables, buffer);
        return TypedResults.File(buffer.ToArray(), SummaryWorkbook.ContentType, $"summary-{tables.Wave.Code}-snapshot-{id}.xlsx");
    }
}
