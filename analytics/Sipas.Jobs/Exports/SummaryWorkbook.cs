using MiniExcelLibs;
using Sipas.Analytics;
using Sipas.Analytics.Interchange;
using Sipas.Data;

namespace Sipas.Jobs.Exports;

/// <summary>
/// The summary tables of a snapshot as an XLSX workbook (MiniExcel): indicators with targets and verdicts, then
/// areas, agencies and communes (each group's overall index per questionnaire), then the province's elements and
/// criteria. Proportions are numbers in [0, 1] beside their display text; column titles are Vietnamese / English;
/// text cells are neutralised against formula injection (<see cref="SpreadsheetText"/>).
/// </summary>
public static class SummaryWorkbook
{
    public const string Indicators = "Chỉ số", Areas = "Lĩnh vực", Agencies = "Cơ quan", Communes = "Xã, phường",
        Criteria = "Yếu tố, tiêu chí";

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void Write(SnapshotTables t, Stream output)
    {
        var sheets = new Dictionary<string, object>
        {
            [Indicators] = IndicatorRows(t),
            [Areas] = GroupRows(t, "area", t.AreaNames),
            [Agencies] = GroupRows(t, "agency", t.AgencyNames),
            [Communes] = GroupRows(t, "unit", t.UnitNames),
            [Criteria] = CriterionRows(t),
        };
        // Every text cell (names, codes, questionnaire texts) through the one guard against formula injection;
        // numbers stay numbers.
        foreach (var rows in sheets.Values.Cast<List<Dictionary<string, object?>>>())
            foreach (var row in rows)
                foreach (var (column, value) in row.ToArray())
                    if (value is string text) row[column] = SpreadsheetText.Neutralise(text);
        MiniExcel.SaveAs(output, sheets, printHeader: true, excelType: ExcelType.XLSX);
    }

    private static List<Dictionary<string, object?>> IndicatorRows(SnapshotTables t)
    {
        var rows = new List<Dictionary<string, object?>>();
        foreach (var indicator in SnapshotFigures.Indicators)
        {
            var (family, type, code) = SnapshotFigures.SourceOf(indicator);
            var row = t.Overall(family, type, code);
            var verdict = t.Verdicts.FirstOrDefault(v => v.Indicator == indicator);
            var figures = Figures(row);
            var line = new Dictionary<string, object?>
            {
                ["Chỉ số / Indicator"] = indicator,
                ["Nhóm / Group"] = $"{type}:{code}",
            };
            foreach (var (k, v) in figures) line[k] = v;
            line["Chỉ tiêu / Target"] = verdict is null ? "Chưa có chỉ tiêu / no target" : $"{verdict.Comparator} {Targets.Display(verdict.Threshold)}";
            line["Kết luận / Verdict"] = Verdict(verdict);
            rows.Add(line);
        }
        return rows;
    }

    private static string Verdict(SnapshotVerdict? v) => v switch
    {
        null => "",
        { Met: null } => "Không xác định / undefined",
        { Met: true, Certain: true } => "Đạt — chắc chắn / met, certain",
        { Met: true } => "Đạt — trong biên sai số / met, within margin",
        { Certain: true } => "Chưa đạt — chắc chắn / not met, certain",
        _ => "Chưa đạt — trong biên sai số / not met, within margin",
    };

    private static List<Dictionary<string, object?>> GroupRows(SnapshotTables t, string groupType,
        IReadOnlyDictionary<string, string> names) =>
        t.Rows.Where(r => r.GroupType == groupType && r.Section == "").Select(r =>
        {
            var line = new Dictionary<string, object?>
            {
                ["Phiếu / Questionnaire"] = r.Indicator,
                ["Mã / Code"] = r.GroupCode,
                ["Tên / Name"] = names.GetValueOrDefault(r.GroupCode, r.GroupCode),
            };
            foreach (var (k, v) in Figures(r)) line[k] = v;
            return line;
        }).ToList();

    private static List<Dictionary<string, object?>> CriterionRows(SnapshotTables t) =>
        t.Rows.Where(r => r.GroupType == "province" && r.Section != "").Select(r =>
        {
            var q = t.Questionnaires.GetValueOrDefault(r.Indicator);
            var text = r.Item.Length > 0
                ? q?.ItemsByCode.GetValueOrDefault(r.Item)?.Text.Vi
                : q?.Sections.FirstOrDefault(s => s.Code == r.Section)?.Title.Vi;
            var line = new Dictionary<string, object?>
            {
                ["Phiếu / Questionnaire"] = r.Indicator,
                ["Yếu tố / Element"] = r.Section,
                ["Tiêu chí / Criterion"] = r.Item,
                ["Nội dung / Text"] = text ?? "",
            };
            foreach (var (k, v) in Figures(r)) line[k] = v;
            return line;
        }).ToList();

    private static IEnumerable<(string, object?)> Figures(SnapshotResult? r)
    {
        yield return ("Số phiếu hợp lệ / n valid", r?.NValid);
        yield return ("Tỷ lệ hài lòng / Estimate", r?.Estimate);
        yield return ("Hiển thị / Display", r?.Estimate is { } e ? Targets.Display(e) : "—");
        yield return ("Sai số chuẩn / SE", r?.Se);
        yield return ("KTC 95% dưới / CI low", r?.CiLow);
        yield return ("KTC 95% trên / CI high", r?.CiHigh);
        yield return ("Cảnh báo / Flags", r is null ? "" : ResultText.Of((ResultFlags)r.Flags));
    }
}
