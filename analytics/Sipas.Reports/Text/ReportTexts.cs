using Sipas.Analytics;

namespace Sipas.Reports;

/// <summary>Every fixed text of the report, once per language (<see cref="Vi"/>, <see cref="En"/>).</summary>
internal sealed partial record ReportTexts
{
    public static ReportTexts For(ReportLanguage language) => language == ReportLanguage.En ? En : Vi;

    public required string Language { get; init; }
    public required string Title { get; init; }
    public required string Subtitle { get; init; }
    public required Func<string, string> Province { get; init; }
    public required string ProvinceCode { get; init; }
    public required string Wave { get; init; }
    public required string Fieldwork { get; init; }
    public required string PeriodRated { get; init; }
    public required string MethodVersion { get; init; }
    public required string DataHash { get; init; }
    public required string ComputedAt { get; init; }
    public required string ComputedBy { get; init; }
    /// <summary>Who asked for a run the schedule started.</summary>
    public required string Scheduled { get; init; }
    /// <summary>The zone named after a time: "giờ Việt Nam, UTC+7".</summary>
    public required string VietnamZone { get; init; }
    public required Func<int, int, string> Page { get; init; }
    public required Func<string, string> AtLeast { get; init; }
    public required string Contents { get; init; }

    public required string SummaryHeading { get; init; }
    public required string SummaryIntro { get; init; }
    public required string EstimatesChart { get; init; }
    public required string ChangeHeading { get; init; }
    public required string ChangeChart { get; init; }
    public required string ChangeNote { get; init; }
    public required string AreasHeading { get; init; }
    public required string AreasChart { get; init; }
    public required string AgenciesHeading { get; init; }
    public required string CommunesHeading { get; init; }
    public required string BreakdownHeading { get; init; }
    public required string BreakdownIntro { get; init; }
    public required string SectionsChart { get; init; }
    public required string ReliabilityHeading { get; init; }
    public required string ReliabilityIntro { get; init; }
    public required string AnnexHeading { get; init; }
    public required string GroupIntro { get; init; }

    public required string Indicator { get; init; }
    public required string Target { get; init; }
    public required string Estimate { get; init; }
    public required string Interval { get; init; }
    public required string Verdict { get; init; }
    public required string Basis { get; init; }
    public required string Flags { get; init; }
    public required string Code { get; init; }
    public required string Area { get; init; }
    public required string Agency { get; init; }
    public required string Commune { get; init; }
    public required string PreviousWave { get; init; }
    public required string Previous { get; init; }
    public required string Change { get; init; }
    public required string Significant { get; init; }
    public required string Yes { get; init; }
    public required string No { get; init; }
    public required string Element { get; init; }
    public required string Criterion { get; init; }
    public required string MeanScore { get; init; }
    public required string Complete { get; init; }
    public required string Alpha { get; init; }

    public required string Met { get; init; }
    public required string NotMet { get; init; }
    public required string Certain { get; init; }
    public required string WithinMargin { get; init; }
    public required string NoTarget { get; init; }
    public required string Undefined { get; init; }
    public required string SmallSample { get; init; }
    public required string UndefinedFlag { get; init; }
    public required string LonelyStratum { get; init; }

    public required string AnnexPopulation { get; init; }
    public required string AnnexQuestionnaire { get; init; }
    public required string AnnexValidity { get; init; }
    public required string AnnexValidityText { get; init; }
    public required string AnnexChannels { get; init; }
    public required string Channel { get; init; }
    public required string Valid { get; init; }
    public required string Invalid { get; init; }
    public required string Total { get; init; }
    public required string AnnexIntegrity { get; init; }
    public required Func<string, string, string> IntegritySummary { get; init; }
    public required string IntegrityRule { get; init; }
    public required string Cause { get; init; }
    public required string Excluded { get; init; }
    public required string FlaggedKept { get; init; }
    public required string Official { get; init; }
    public required string WithoutFlagged { get; init; }
    public required string AnnexWeights { get; init; }
    public required Func<int, string, string> FrameUsed { get; init; }
    public required Func<int, string> NoFrame { get; init; }
    public required string AnnexEstimation { get; init; }
    public required string AnnexEstimationText { get; init; }
    public required string AnnexVerdicts { get; init; }
    public required string AnnexVerdictsText { get; init; }
    public required string AnnexFlags { get; init; }
    public required string SmallSampleMeaning { get; init; }
    public required string UndefinedMeaning { get; init; }
    public required string LonelyStratumMeaning { get; init; }

    /// <summary>A moment in Vietnam time with the zone named: "30/06/2026 17:05 (giờ Việt Nam, UTC+7)".</summary>
    public string VietnamTime(DateTimeOffset time) =>
        time.ToOffset(ReportFormat.VietnamOffset).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture)
        + $" ({VietnamZone})";

    public string VerdictText(Verdict? verdict, Target? target, double estimate) =>
        target is null ? NoTarget
        : verdict is not { } v || double.IsNaN(estimate) ? Undefined
        : $"{(v.Met ? Met : NotMet)} — {(v.Certain ? Certain : WithinMargin)}";

    public string TargetText(Target target, ReportFormat format) =>
        target.Comparator == Comparator.AtLeast ? AtLeast(format.Percent(target.Threshold)) : "> " + format.Percent(target.Threshold);

    public string FlagText(ResultFlags flags)
    {
        var words = new List<string>(3);
        if (flags.HasFlag(ResultFlags.SmallSample)) words.Add(SmallSample);
        if (flags.HasFlag(ResultFlags.Undefined)) words.Add(UndefinedFlag);
        if (flags.HasFlag(ResultFlags.LonelyStratum)) words.Add(LonelyStratum);
        return string.Join(", ", words);
    }
}
