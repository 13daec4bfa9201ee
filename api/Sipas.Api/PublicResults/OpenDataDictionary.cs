using Sipas.Analytics.Interchange;

namespace Sipas.Api.PublicResults;

/// <summary>
/// The data dictionary of the open data (docs/formats.md "Results" and "Rankings" in a table): one row a column of
/// each file, with its unit and meaning in Vietnamese and English; the licence in rows of its own (file <c>*</c>).
/// </summary>
public static class OpenDataDictionary
{
    public const string Header = "file,column,unit,meaning_vi,meaning_en";

    /// <summary>
    /// The licence the published figures are offered under. A choice of the province's, to be confirmed by it:
    /// Creative Commons Attribution 4.0 (reuse with attribution).
    /// </summary>
    public const string Licence = "CC BY 4.0";
    public const string LicenceUrl = "https://creativecommons.org/licenses/by/4.0/";

    private static readonly (string File, string Column, string Unit, string Vi, string En)[] Entries =
    [
        ("*", "licence", "", $"Giấy phép: {Licence} ({LicenceUrl}); ghi nguồn: UBND tỉnh Nghệ An, khảo sát SIPAS",
            $"Licence: {Licence} ({LicenceUrl}); attribution: Nghệ An Provincial People's Committee, SIPAS survey"),
        ("*", "encoding", "", "UTF-8 không BOM, dấu phẩy, xuống dòng LF; số dùng dấu chấm thập phân",
            "UTF-8 without BOM, comma-separated, LF line ends; numbers use a decimal point"),
        ("results.csv", "wave", "", "Mã đợt khảo sát, ví dụ 2025-H1", "Survey wave code, e.g. 2025-H1"),
        ("results.csv", "indicator", "", "Chỉ số (bộ câu hỏi): SIPAS, TTHC, HEALTH, EDUCATION", "Indicator (questionnaire family): SIPAS, TTHC, HEALTH, EDUCATION"),
        ("results.csv", "group_type", "", "Loại nhóm: province (tỉnh), agency (cơ quan), area (lĩnh vực), unit (xã, phường)",
            "Group type: province, agency, area (service area), unit (commune)"),
        ("results.csv", "group_code", "", "Mã nhóm: mã tỉnh 40, mã cơ quan, mã lĩnh vực, mã xã của Tổng cục Thống kê",
            "Group code: province code 40, agency code, area code, the commune's statistics code"),
        ("results.csv", "section", "", "Mã yếu tố; trống ở dòng chỉ số chung", "Element (section) code; empty on the overall index row"),
        ("results.csv", "item", "", "Mã tiêu chí; trống ở dòng chỉ số chung và dòng yếu tố", "Criterion (item) code; empty on overall and section rows"),
        ("results.csv", "n_valid", "số ý kiến / answers", "Số câu trả lời hợp lệ (mức 1–5)", "Valid answers (levels 1–5)"),
        ("results.csv", "n_positive", "số ý kiến (có trọng số) / weighted answers",
            "Số câu trả lời hài lòng (mức 4–5), có trọng số; trống ở dòng chỉ số và yếu tố", "Satisfied answers (levels 4–5), weighted; empty on index and section rows"),
        ("results.csv", "estimate", "tỷ lệ 0–1 / proportion 0–1", "Tỷ lệ hài lòng; trống khi không xác định", "Satisfaction rate; empty when undefined"),
        ("results.csv", "se", "tỷ lệ 0–1 / proportion 0–1", "Sai số chuẩn của tỷ lệ", "Standard error of the rate"),
        ("results.csv", "ci_low", "tỷ lệ 0–1 / proportion 0–1", "Cận dưới khoảng tin cậy 95%", "Lower bound of the 95% confidence interval"),
        ("results.csv", "ci_high", "tỷ lệ 0–1 / proportion 0–1", "Cận trên khoảng tin cậy 95%", "Upper bound of the 95% confidence interval"),
        ("results.csv", "n_eff", "số ý kiến / answers", "Cỡ mẫu hiệu dụng", "Effective sample size"),
        ("results.csv", "flags", "", "Ghi chú, nối bằng |: small-sample (dưới 30 ý kiến), undefined (không xác định), lonely-stratum (tầng chỉ có một ý kiến)",
            "Notes joined by |: small-sample (under 30 answers), undefined, lonely-stratum (a stratum with one response)"),
        ("rankings.csv", "wave", "", "Mã đợt khảo sát", "Survey wave code"),
        ("rankings.csv", "indicator", "", "Chỉ số được xếp hạng (chỉ số chung của bộ câu hỏi)", "Indicator ranked (the questionnaire's overall index)"),
        ("rankings.csv", "group_type", "", "agency (cơ quan) hoặc unit (xã, phường); mỗi loại xếp hạng riêng",
            "agency or unit (commune); each type is ranked among itself"),
        ("rankings.csv", "group_code", "", "Mã cơ quan hoặc mã xã", "Agency code or commune statistics code"),
        ("rankings.csv", "n_valid", "số ý kiến / answers", "Như ở results.csv", "As in results.csv"),
        ("rankings.csv", "estimate", "tỷ lệ 0–1 / proportion 0–1", "Như ở results.csv", "As in results.csv"),
        ("rankings.csv", "se", "tỷ lệ 0–1 / proportion 0–1", "Như ở results.csv", "As in results.csv"),
        ("rankings.csv", "rank", "thứ hạng / rank", "1 + số đơn vị có tỷ lệ cao hơn (bằng nhau thì cùng hạng)",
            "1 + the number of units with a higher rate (ties share the better rank)"),
        ("rankings.csv", "rank_low", "thứ hạng / rank", "Hạng tốt nhất có thể, khoảng tin cậy 95% của thứ hạng",
            "Best rank the unit could hold: the 95% rank interval's lower end"),
        ("rankings.csv", "rank_high", "thứ hạng / rank", "Hạng kém nhất có thể, khoảng tin cậy 95% của thứ hạng; với xã là ước lượng gần đúng",
            "Worst rank the unit could hold: the 95% rank interval's upper end; approximate for communes"),
        ("rankings.csv", "flags", "", "Như ở results.csv; đơn vị không xác định được liệt kê riêng, không có hạng",
            "As in results.csv; units with an undefined rate are listed apart, unranked"),
    ];

    public static readonly Lazy<byte[]> Csv = new(() =>
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, CsvText.Utf8, leaveOpen: true))
        {
            writer.Write(Header + "\n");
            foreach (var e in Entries)
                CsvText.WriteRow(writer, e.File, e.Column, CsvText.Text(e.Unit), CsvText.Text(e.Vi), CsvText.Text(e.En));
        }
        return buffer.ToArray();
    });

    /// <summary>The columns the dictionary describes for <paramref name="file"/>, in order.</summary>
    public static IEnumerable<string> Columns(string file) => Entries.Where(e => e.File == file).Select(e => e.Column);
}
