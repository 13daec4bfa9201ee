using System.Globalization;

namespace Sipas.Analytics.Interchange;

/// <summary>
/// Writes rankings.csv (interchange.md "Rankings"):
/// <c>wave,indicator,group_type,group_code,n_valid,estimate,se,rank,rank_low,rank_high,flags</c>.
/// Like <see cref="ResultsCsv"/>: LF line ends, UTF-8 without BOM, numbers invariant with round-trip precision,
/// text cells neutralised against formula injection; an unranked (undefined) unit leaves estimate, se, rank,
/// rank_low and rank_high empty.
/// </summary>
public static class RankingsCsv
{
    /// <summary>The header row.</summary>
    public const string Header = "wave,indicator,group_type,group_code,n_valid,estimate,se,rank,rank_low,rank_high,flags";

    /// <summary>Writes <paramref name="rows"/> with a header, in their order (<see cref="Rankings.Of"/>).</summary>
    public static void Write(Stream stream, IEnumerable<RankingRow> rows)
    {
        using var writer = new StreamWriter(stream, CsvText.Utf8, 1 << 16, leaveOpen: true);
        writer.Write(Header + "\n");
        foreach (var r in rows)
            CsvText.WriteRow(writer, CsvText.Text(r.Wave), CsvText.Text(r.Indicator), ResultText.Of(r.GroupType),
                CsvText.Text(r.GroupCode), Int(r.NValid), CsvText.Number(r.Estimate), CsvText.Number(r.Se),
                Int(r.Place?.Rank), Int(r.Place?.Low), Int(r.Place?.High), CsvText.Text(ResultText.Of(r.Flags)));
    }

    private static string Int(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
