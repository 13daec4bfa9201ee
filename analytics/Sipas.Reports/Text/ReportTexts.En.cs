namespace Sipas.Reports;

internal sealed partial record ReportTexts
{
    public static ReportTexts En { get; } = new()
    {
        Language = "en",
        Title = "Satisfaction measurement results",
        Subtitle = "of citizens and organisations with the service of public administration",
        Province = name => $"{name} province",
        ProvinceCode = "Province code",
        Wave = "Survey wave",
        Fieldwork = "Fieldwork",
        PeriodRated = "Period rated",
        MethodVersion = "Method version",
        DataHash = "Data hash",
        ComputedAt = "Computed at",
        ComputedBy = "Requested by",
        Scheduled = "scheduled (automatic)",
        VietnamZone = "Vietnam time, UTC+7",
        Page = (page, total) => $"Page {page} of {total}",
        AtLeast = threshold => $"at least {threshold}",
        Contents = "Contents",

        SummaryHeading = "Indicators against targets",
        SummaryIntro = "Each indicator is compared with the year's target. A verdict is “certain” when the whole 95% "
            + "interval lies on the same side of the target, and “within margin” when the interval contains it.",
        EstimatesChart = "Estimates, 95% intervals and targets (%)",
        ChangeHeading = "Change since the previous wave",
        ChangeChart = "Change since the previous wave (percentage points), ±1.96·SE",
        ChangeNote = "* statistically significant change (two-sided z-test, p < 0.05).",
        AreasHeading = "Results by service area",
        AreasChart = "Satisfaction index by service area (%)",
        AgenciesHeading = "Results by agency",
        CommunesHeading = "Results by commune",
        BreakdownHeading = "Results by element and criterion",
        BreakdownIntro = "An element's index is the mean of the satisfaction rates of its criteria; mean scores are on "
            + "the 1–5 scale.",
        SectionsChart = "Satisfaction index by element (%)",
        ReliabilityHeading = "Reliability of the scale",
        ReliabilityIntro = "Cronbach's alpha of each element, over the responses that answered all of its criteria with "
            + "1–5. Values of 0.7 and above are usually considered acceptable.",
        AnnexHeading = "Methodology annex",
        GroupIntro = "Overall satisfaction index of each unit, with its 95% interval. “Small sample” marks fewer than "
            + "30 valid responses: the result is published, but compare it with care.",

        Indicator = "Indicator",
        Target = "Target",
        Estimate = "Estimate",
        Interval = "95% interval",
        Verdict = "Verdict",
        Basis = "Basis",
        Flags = "Flags",
        Code = "Code",
        Area = "Service area",
        Agency = "Agency",
        Commune = "Commune",
        PreviousWave = "Previous wave",
        Previous = "Previous result",
        Change = "Change (pp)",
        Significant = "Significant",
        Yes = "Yes",
        No = "No",
        Element = "Element",
        Criterion = "Criterion",
        MeanScore = "Mean score",
        Complete = "Complete responses",
        Alpha = "Cronbach's alpha",

        Met = "Met",
        NotMet = "Not met",
        Certain = "certain",
        WithinMargin = "within margin",
        NoTarget = "No target",
        Undefined = "Undefined",
        SmallSample = "small sample",
        UndefinedFlag = "undefined",
        LonelyStratum = "lonely stratum",

        AnnexPopulation = "Who was sampled",
        AnnexQuestionnaire = "Questionnaire",
        AnnexValidity = "Valid responses",
        AnnexValidityText = "A response is valid when it answers (1 to 5) at least 80% of the scored criteria. “No "
            + "opinion” and blank answers count in neither numerator nor denominator. Invalid responses are kept and "
            + "counted but take part in no result.",
        AnnexChannels = "Valid and invalid responses by channel",
        Channel = "Channel",
        Valid = "Valid",
        Invalid = "Invalid",
        Total = "Total",
        AnnexIntegrity = "Response quality control",
        IntegritySummary = (excluded, kept) => $"{excluded} responses of the counted channels were excluded from the figures "
            + $"by supervisors; {kept} flagged responses are still counted.",
        IntegrityRule = "A flag never excludes a response by itself: only a supervisor's decision (with a reason, on record) "
            + "does. A response with two flags counts under both causes. The second table sets each official indicator "
            + "beside its value without the flagged responses.",
        Cause = "Cause",
        Excluded = "Excluded",
        FlaggedKept = "Flagged, counted",
        Official = "Official",
        WithoutFlagged = "Without flagged responses",
        AnnexWeights = "Weights and frame",
        FrameUsed = (strata, population) => $"Population frame used: {strata} strata, {population} people served. "
            + "Stratified simple random sampling without replacement; each response weighs w = N_h/n_h, with the "
            + "finite-population correction.",
        NoFrame = strata => $"No population frame: the valid responses are treated as a simple random sample with "
            + $"weight 1 ({strata} strata with responses).",
        AnnexEstimation = "Estimates and intervals",
        AnnexEstimationText = "A criterion's satisfaction rate is the (weighted) share of 4 and 5 answers among its "
            + "valid answers. An element's index is the mean of its criteria, the overall index the mean of the "
            + "elements. Standard errors by Taylor linearisation; 95% intervals are Wilson intervals with the "
            + "effective sample size. Changes between waves are two-sided z-tests on independent samples.",
        AnnexVerdicts = "Verdicts against targets",
        AnnexVerdictsText = "“Met” when the estimate satisfies the target (above the threshold, or at least the threshold, as the target says). “Certain” when the "
            + "whole interval lies on the same side of the threshold, otherwise “within margin”. Values are compared "
            + "unrounded; printed figures are rounded to two decimals.",
        AnnexFlags = "What the flags mean",
        SmallSampleMeaning = "small sample: fewer than 30 valid responses; published, but imprecise.",
        UndefinedMeaning = "undefined: no valid answer to compute the result from.",
        LonelyStratumMeaning = "lonely stratum: a response comes from a stratum with a single valid response; that "
            + "stratum adds nothing to the standard error.",
    };
}
