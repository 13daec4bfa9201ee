using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Data;
using Sipas.Data.Seed;
using Sipas.Jobs.Reports;
using Sipas.Reports;
using AnalyticsTarget = Sipas.Analytics.Target;
using ReportChange = Sipas.Reports.IndicatorChange;

namespace Sipas.Jobs.Exports;

/// <summary>
/// Fills a <see cref="WaveReportModel"/> from a snapshot's stored rows: estimates, mean scores, verdicts and the
/// change since the previous wave (<see cref="SnapshotChange"/>) as stored, texts from the questionnaire, the
/// methodology annex's counts by channel from the stored count rows. Nothing depends on the clock, so the same
/// snapshot always gives the same model (and <see cref="WaveReport"/> the same bytes).
/// </summary>
public static class WaveReportSource
{
    public const string ProvinceName = "Nghệ An";

    /// <summary>Families in the order their questionnaire leads the report's group, element and annex sections.</summary>
    private static readonly string[] LeadFamilies = ["SIPAS", "TTHC", "HEALTH", "EDUCATION"];

    public static readonly IReadOnlyDictionary<string, LocalizedText> IndicatorNames = new Dictionary<string, LocalizedText>
    {
        ["TTHC"] = new("Mức độ hài lòng trong giải quyết thủ tục hành chính", "Satisfaction with administrative procedures"),
        ["SIPAS"] = new("Chỉ số hài lòng về sự phục vụ hành chính", "Satisfaction with public administration"),
        ["HEALTH"] = new("Hài lòng với dịch vụ y tế công", "Satisfaction with public health services"),
        ["EDUCATION"] = new("Hài lòng với dịch vụ giáo dục công", "Satisfaction with public education"),
        ["LAND"] = new("Hài lòng trong lĩnh vực đất đai", "Satisfaction in land administration"),
        ["CONSTRUCTION"] = new("Hài lòng trong lĩnh vực xây dựng", "Satisfaction in construction"),
        ["INVESTMENT"] = new("Hài lòng trong lĩnh vực đầu tư", "Satisfaction in investment procedures"),
    };

    private static readonly IReadOnlyDictionary<string, LocalizedText> ChannelNames = new Dictionary<string, LocalizedText>
    {
        [Channels.Web] = new("Trực tuyến (mã QR)", "Online (QR code)"),
        [Channels.Paper] = new("Phiếu giấy", "Paper form"),
        [Channels.Interview] = new("Phỏng vấn", "Interview"),
        [Channels.Import] = new("Nhập từ tệp", "File import"),
        [Channels.Portal] = new("Hệ thống một cửa (theo hồ sơ)", "One-stop system (per dossier)"),
        [WaveReader.WebVerified] = new("trong đó: đã xác thực (liên kết mời theo hồ sơ)", "of which verified (per-dossier invitation)"),
        [WaveReader.WebUnverified] = new("trong đó: chưa xác thực", "of which unverified"),
    };

    /// <summary>The family whose questionnaire leads the report: the first of SIPAS, TTHC, HEALTH, EDUCATION with rows.</summary>
    public static string LeadOf(SnapshotTables t) => LeadFamilies.FirstOrDefault(f => t.Rows.Any(r => r.Indicator == f)) ?? LeadFamilies[0];

    public static async Task<WaveReportModel> BuildAsync(SipasDb db, SnapshotTables t, ReportLanguage language,
        CancellationToken ct = default)
    {
        var snapshot = t.Snapshot;
        var wave = t.Wave;
        var lead = LeadOf(t);
        var questionnaire = t.Questionnaires.GetValueOrDefault(lead);

        var changes = await db.SnapshotChanges.AsNoTracking().Where(c => c.SnapshotId == snapshot.Id && c.Channel == "")
            .ToListAsync(ct);
        var indicators = new List<IndicatorSummary>();
        foreach (var indicator in SnapshotFigures.Indicators)
        {
            var (family, type, code) = SnapshotFigures.SourceOf(indicator);
            var row = t.Overall(family, type, code);
            var estimate = Estimate(row);
            var stored = t.Verdicts.FirstOrDefault(v => v.Indicator == indicator);
            AnalyticsTarget? target = stored is null ? null : new AnalyticsTarget(indicator, stored.Year,
                stored.Comparator == ">" ? Comparator.GreaterThan : Comparator.AtLeast, stored.Threshold);
            Verdict? verdict = stored is { Met: { } met, Certain: { } certain } ? new Verdict(met, certain) : null;
            ReportChange? change = changes.FirstOrDefault(c => c.Indicator == indicator) is
                { Before: { } before, Difference: { } difference } was
                ? new ReportChange(was.PreviousWave, before, new WaveChangeResult(difference, was.DifferenceSe ?? double.NaN,
                    was.Z ?? double.NaN, was.PValue ?? double.NaN, was.Significant))
                : null;
            indicators.Add(new IndicatorSummary(indicator, IndicatorNames[indicator], estimate, target, verdict, change));
        }

        var sections = new List<SectionBreakdown>();
        var reliability = new List<ReliabilityRow>();
        var province = ReferenceData.ProvinceCode;
        if (questionnaire is not null)
            foreach (var section in questionnaire.ScoredSections)
            {
                var sectionRow = t.Rows.FirstOrDefault(r => r.Indicator == lead && r.GroupType == "province" && r.Section == section.Code && r.Item == "");
                if (sectionRow is null) continue;
                var criteria = section.ScoredItems.Select(item => (item, row: t.Rows.FirstOrDefault(r => r.Indicator == lead
                        && r.GroupType == "province" && r.Section == section.Code && r.Item == item.Code)))
                    .Where(c => c.row is not null)
                    .Select(c => new CriterionRow(c.item.Code, c.item.Text, Estimate(c.row), c.row!.MeanScore ?? double.NaN)).ToList();
                sections.Add(new SectionBreakdown(section.Code, section.Title, Estimate(sectionRow), criteria));
                reliability.Add(new ReliabilityRow(GroupType.Province, province, section.Code, sectionRow.NComplete ?? 0,
                    sectionRow.Alpha ?? double.NaN));
            }

        var channelRows = await db.SnapshotResults.AsNoTracking()
            .Where(r => r.SnapshotId == snapshot.Id && r.Channel != "" && r.Indicator == lead && r.GroupType == "province"
                        && r.Section == "")
            .ToListAsync(ct);
        // Each channel, and under the web channel its verified and unverified ratings (parts, not added to the total).
        var channels = Channels.All
            .SelectMany(c => c == Channels.Web ? [c, WaveReader.WebVerified, WaveReader.WebUnverified] : new[] { c })
            .Select(c => channelRows.FirstOrDefault(r => r.Channel == c)).Where(r => r is not null)
            .Select(r => new ChannelCount(r!.Channel, ChannelNames[r.Channel], r.NValidResponses ?? 0,
                (r.NResponses ?? 0) - (r.NValidResponses ?? 0), Part: r.Channel.StartsWith("web-", StringComparison.Ordinal)))
            .ToList();
        var integrity = await IntegrityAsync(db, snapshot, indicators, ct);
        var versionId = await db.Waves.Where(w => w.Id == wave.Id).SelectMany(w => w.Questionnaires)
            .Where(q => q.Family == lead).Select(q => (int?)q.Id).FirstOrDefaultAsync(ct);
        var counted = snapshot.Channels;
        var strata = versionId is null ? 0 : await db.Responses
            .Where(r => r.WaveId == wave.Id && r.QuestionnaireId == versionId && r.SupersededBy == null && r.Review != ReviewDecisions.Exclude
                        && counted.Contains(r.Channel))
            .Select(r => r.Stratum).Distinct().CountAsync(ct);

        var names = await ReportNames.LoadAsync(db, language, ct);
        var requester = await ReportNames.RequesterAsync(db, snapshot, ct);
        var from = wave.LookbackFrom.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var to = wave.LookbackTo.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var annex = new MethodologyAnnex(
            new LocalizedText($"Người dân, tổ chức được phục vụ tại các cơ quan của tỉnh từ {from} đến {to}",
                $"People and organisations served by the province's agencies from {from} to {to}"),
            questionnaire is null ? lead : $"{questionnaire.Code} {questionnaire.Version}",
            snapshot.Frame != "none", strata, null, channels, integrity);

        return new WaveReportModel(
            new ReportProvince(ProvinceName, province),
            new ReportWave(wave.Code, new LocalizedText(wave.NameVi, wave.NameEn), wave.StartsOn, wave.EndsOn,
                wave.LookbackFrom, wave.LookbackTo),
            new ReportSnapshot(snapshot.MethodVersion, snapshot.DataHash is null ? "" : Convert.ToHexStringLower(snapshot.DataHash),
                snapshot.CompletedAt ?? snapshot.RequestedAt, requester),
            indicators,
            Groups(t, lead, "area", names.Areas),
            Groups(t, lead, "agency", names.Agencies),
            Groups(t, lead, "unit", names.Units),
            sections, reliability, annex, language);
    }

    /// <summary>
    /// The snapshot's exclusions and flagged-kept counts by cause, and each official indicator beside its stored
    /// <c>unflagged</c> estimate. Null for a snapshot computed before issue 14 (no counts stored).
    /// </summary>
    private static async Task<ResponseIntegrity?> IntegrityAsync(SipasDb db, Snapshot snapshot, List<IndicatorSummary> indicators,
        CancellationToken ct)
    {
        if (snapshot.ResponsesExcluded is not { } excluded || snapshot.ResponsesFlaggedKept is not { } kept) return null;
        Dictionary<string, int> Part(string name) => snapshot.Integrity?.RootElement.TryGetProperty(name, out var part) == true
            ? part.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()) : [];
        var (excludedBy, keptBy) = (Part("excluded"), Part("flaggedKept"));
        var causes = excludedBy.Keys.Union(keptBy.Keys).Order(StringComparer.Ordinal)
            .Select(c => new IntegrityCauseCount(c, CauseName(c), excludedBy.GetValueOrDefault(c), keptBy.GetValueOrDefault(c)))
            .OrderByDescending(c => c.Excluded + c.FlaggedKept).ToList();
        var unflagged = await db.SnapshotResults.AsNoTracking()
            .Where(r => r.SnapshotId == snapshot.Id && r.Channel == WaveReader.Unflagged && r.Section == ""
                        && (r.GroupType == "province" || r.GroupType == "area"))
            .ToListAsync(ct);
        var rows = indicators.Where(i => !double.IsNaN(i.Estimate.Estimate)).Select(i =>
        {
            var (family, type, code) = SnapshotFigures.SourceOf(i.Code);
            var row = unflagged.FirstOrDefault(r => r.Indicator == family && r.GroupType == type && r.GroupCode == code);
            return new UnflaggedIndicator(i.Code, i.Name, i.Estimate, Estimate(row));
        }).ToList();
        return new ResponseIntegrity(excluded, kept, causes, rows);
    }

    private static LocalizedText CauseName(string cause) =>
        cause == WaveReader.NoFlag ? new("Không có cảnh báo: giám sát viên tự quyết định", "No flag: decided on a supervisor's own finding")
        : ResponseFlags.Explained.TryGetValue(cause, out var words) ? new(words.Vi, words.En) : new(cause, cause);

    private static ReportEstimate Estimate(SnapshotResult? row) => row is null
        ? ReportEstimate.Undefined(0)
        : ReportEstimate.From(SnapshotTables.ToResultRow("", row));

    private static List<GroupRow> Groups(SnapshotTables t, string family, string groupType, IReadOnlyDictionary<string, string> names) =>
        t.Rows.Where(r => r.Indicator == family && r.GroupType == groupType && r.Section == "")
            .Select(r => new GroupRow(r.GroupCode, names.GetValueOrDefault(r.GroupCode, r.GroupCode), Estimate(r))).ToList();
}
