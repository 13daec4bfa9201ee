using Sipas.Analytics;

namespace Sipas.Reports.Bench;

/// <summary>
/// A seeded, made-up province wave with realistic shape (Nghệ An, code 40): 7 indicators judged against the 2026
/// targets, areas, agencies, communes, 5 elements × 22 criteria, reliability and the annex. The same arguments
/// always give the same model.
/// </summary>
public static class SyntheticReport
{
    public static readonly string[] IndicatorCodes = ["SIPAS", "TTHC", "HEALTH", "EDUCATION", "LAND", "CONSTRUCTION", "INVESTMENT"];

    private static readonly Dictionary<string, LocalizedText> IndicatorNames = new()
    {
        ["SIPAS"] = new("Chỉ số hài lòng về sự phục vụ hành chính", "Satisfaction with public administration"),
        ["TTHC"] = new("Mức độ hài lòng trong giải quyết thủ tục hành chính", "Satisfaction with administrative procedures"),
        ["HEALTH"] = new("Hài lòng với dịch vụ y tế công", "Satisfaction with public health services"),
        ["EDUCATION"] = new("Hài lòng với dịch vụ giáo dục công", "Satisfaction with public education"),
        ["LAND"] = new("Hài lòng trong lĩnh vực đất đai", "Satisfaction in land administration"),
        ["CONSTRUCTION"] = new("Hài lòng trong lĩnh vực xây dựng", "Satisfaction in construction permits"),
        ["INVESTMENT"] = new("Hài lòng trong lĩnh vực đầu tư", "Satisfaction in investment procedures"),
    };

    private static readonly double[] IndicatorRates = [0.94, 0.9612, 0.8745, 0.9033, 0.8421, 0.8688, 0.9105];
    private static readonly int[] IndicatorSizes = [412, 3870, 1540, 1210, 860, 540, 118];

    public static WaveReportModel Build(int agencies = 150, int communes = 130, ReportLanguage language = ReportLanguage.Vi)
    {
        var random = new Random(4040);
        var indicators = IndicatorCodes.Select((code, i) => Indicator(code, IndicatorRates[i], IndicatorSizes[i], i)).ToArray();
        var areas = SyntheticNames.Areas.Select(a => Group(random, a.Code, a.Name, 300, 1500)).ToArray();
        var departments = SyntheticNames.Departments.Length;
        var agencyRows = Enumerable.Range(0, agencies).Select(i => Group(random, $"CQ{i + 1:000}",
            i < departments ? SyntheticNames.Departments[i] : $"UBND {SyntheticNames.Commune(i - departments)}", 12, 400)).ToArray();
        var communeRows = Enumerable.Range(0, communes).Select(i => Group(random, $"{17000 + i * 7}",
            SyntheticNames.Commune(i), 8, 260)).ToArray();

        var item = 0;
        var sections = SyntheticNames.Sections.Select((s, si) =>
        {
            var criteria = s.Criteria.Select(text =>
            {
                item++;
                var rate = 0.86 + 0.1 * random.NextDouble();
                return new CriterionRow($"C{item:00}", text, Estimate(rate, 3600 + random.Next(300)), 3.9 + 0.9 * random.NextDouble());
            }).ToArray();
            var index = criteria.Average(c => c.Estimate.Estimate);
            return new SectionBreakdown($"E{si + 1}", s.Title, Estimate(index, 3900), criteria);
        }).ToArray();
        var reliability = sections.Select((s, i) =>
            new ReliabilityRow(GroupType.Province, "40", s.Code, 3400 + 37 * i, 0.78 + 0.03 * i)).ToArray();

        return new WaveReportModel(
            new ReportProvince("Nghệ An", "40"),
            new ReportWave("2026-H1", new("Đợt 1 năm 2026 (6 tháng đầu năm)", "Wave 1 of 2026 (first half-year)"),
                new DateOnly(2026, 5, 4), new DateOnly(2026, 6, 14), new DateOnly(2025, 12, 1), new DateOnly(2026, 5, 31)),
            new ReportSnapshot("sipas-method/1", "sha256:9f2c4e1b7a3d58c06e2f91d4b8a7c3e5f0d1a2b3c4d5e6f708192a3b4c5d6e7f",
                new DateTimeOffset(2026, 6, 30, 17, 5, 0, TimeSpan.FromHours(7)), "Nguyễn Thị Hương (phân tích viên)"),
            indicators, areas, agencyRows, communeRows, sections, reliability,
            new MethodologyAnnex(
                new("Người dân, tổ chức đã nhận kết quả giải quyết thủ tục hành chính tại các điểm phục vụ của tỉnh "
                    + "trong kỳ được đánh giá; chọn ngẫu nhiên theo tầng cơ quan × lĩnh vực.",
                    "Citizens and organisations who received the result of an administrative procedure at a service "
                    + "point of the province during the period rated; sampled at random within agency × area strata."),
                "sipas-dvhcc 2026.1", true, 412, 1_284_530,
                [
                    new("web", new("Trực tuyến (mã QR)", "Online (QR code)"), 2104, 57),
                    new("paper", new("Phiếu giấy", "Paper forms"), 1233, 41),
                    new("interview", new("Phỏng vấn trực tiếp", "Face-to-face interviews"), 498, 6),
                    new("import", new("Tệp nhập từ hệ thống một cửa", "Imported from the one-stop system"), 35, 0),
                ]),
            language);
    }

    private static IndicatorSummary Indicator(string code, double rate, int n, int order)
    {
        var estimate = Estimate(rate, n);
        var target = Targets.Seeded.FirstOrDefault(t => t.Year == 2026 && t.Indicator == code);
        var verdict = target is null ? null : Targets.Judge(estimate.Estimate, estimate.Ci, target.Comparator, target.Threshold);
        var previous = Math.Round(estimate.Estimate - 0.035 + 0.011 * order, 4);
        var previousSe = Math.Sqrt(previous * (1 - previous) / (n * 0.9));
        var change = new IndicatorChange("2025-H2", previous, WaveChange.Compare(previous, previousSe, estimate.Estimate, estimate.Se));
        return new IndicatorSummary(code, IndicatorNames[code], estimate, target, verdict, change);
    }

    private static GroupRow Group(Random random, string code, string name, int minN, int maxN)
    {
        var n = random.Next(minN, maxN);
        return new GroupRow(code, name, Estimate(0.72 + 0.27 * random.NextDouble(), n));
    }

    /// <summary>An SRS-style estimate: rate rounded to a whole count of n, Wilson interval, flags by method.md.</summary>
    public static ReportEstimate Estimate(double rate, int n)
    {
        var p = Math.Round(rate * n) / n;
        var se = Math.Sqrt(p * (1 - p) / n);
        return new ReportEstimate(n, p, se, Proportions.Wilson(p * n, n), n < 30 ? ResultFlags.SmallSample : ResultFlags.None);
    }
}
