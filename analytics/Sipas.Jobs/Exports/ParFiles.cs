using System.Globalization;
using MiniExcelLibs;
using Sipas.Analytics;
using Sipas.Analytics.Interchange;

namespace Sipas.Jobs.Exports;

/// <summary>
/// The PAR scoring input as files (docs/formats.md, "PAR scoring input"): a CSV for the scoring software (invariant
/// numbers, proportions in [0, 1], points to two decimals) and an XLSX workbook for people (Vietnamese / English
/// column titles, the Vietnamese display beside each number). Text cells are neutralised against formula injection.
/// </summary>
public static class ParFiles
{
    public const string Header =
        "year,wave,snapshot,indicator,unit_type,unit_code,unit_name_vi,unit_name_en,n_valid,estimate,ci_low,ci_high,flags," +
        "rank,rank_low,rank_high,rule_id,rule_kind,max_points,points";

    public const string CsvContentType = "text/csv; charset=utf-8";

    public static void WriteCsv(ParComponent c, Stream stream)
    {
        using var writer = new StreamWriter(stream, CsvText.Utf8, 1 << 16, leaveOpen: true);
        writer.Write(Header + "\n");
        foreach (var r in c.Rows)
            CsvText.WriteRow(writer, Int(c.Year), CsvText.Text(c.Wave), Int(c.SnapshotId), r.Indicator, r.UnitType, CsvText.Text(r.Code),
                CsvText.Text(r.NameVi), CsvText.Text(r.NameEn), Int(r.NValid), CsvText.Number(r.Estimate), CsvText.Number(r.CiLow),
                CsvText.Number(r.CiHigh), ResultText.Of(r.Flags), Int(r.Place?.Rank), Int(r.Place?.Low), Int(r.Place?.High),
                Int(r.Rule?.Id), r.Rule?.Kind ?? "", Points((double?)r.Rule?.MaxPoints), Points(r.Points));
    }

    public static void WriteXlsx(ParComponent c, Stream output)
    {
        var rows = c.Rows.Select(r => new Dictionary<string, object?>
        {
            ["Năm / Year"] = c.Year,
            ["Đợt / Wave"] = SpreadsheetText.Neutralise(c.Wave),
            ["Chỉ số / Indicator"] = r.Indicator,
            ["Loại / Type"] = r.UnitType == "agency" ? "Cơ quan / agency" : "Xã, phường / commune",
            ["Mã / Code"] = SpreadsheetText.Neutralise(r.Code),
            ["Tên / Name"] = SpreadsheetText.Neutralise(r.NameVi),
            ["Tên tiếng Anh / English name"] = SpreadsheetText.Neutralise(r.NameEn),
            ["Số phiếu hợp lệ / n valid"] = r.NValid,
            ["Tỷ lệ hài lòng / Estimate"] = Number(r.Estimate),
            ["Hiển thị / Display"] = double.IsNaN(r.Estimate) ? "—" : Targets.Display(r.Estimate),
            ["KTC 95% dưới / CI low"] = Number(r.CiLow),
            ["KTC 95% trên / CI high"] = Number(r.CiHigh),
            ["Cảnh báo / Flags"] = ResultText.Of(r.Flags),
            ["Hạng / Rank"] = r.Place is { } p ? $"{p.Rank} ({p.Low}–{p.High})" : "—",
            ["Quy tắc / Rule"] = r.Rule is null ? "Chưa đặt / not set" : $"{r.Rule.Kind} #{r.Rule.Id}",
            ["Điểm tối đa / Max points"] = (double?)r.Rule?.MaxPoints,
            ["Điểm / Points"] = r.Points is { } points ? ParRule.Rounded(points) : null,
        }).ToList();
        MiniExcel.SaveAs(output, new Dictionary<string, object> { ["Điểm CCHC"] = rows }, printHeader: true, excelType: ExcelType.XLSX);
    }

    private static string Int(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Points(double? value) => value is { } v ? ParRule.Rounded(v).ToString("0.00", CultureInfo.InvariantCulture) : "";

    private static double? Number(double value) => double.IsNaN(value) ? null : value;
}
