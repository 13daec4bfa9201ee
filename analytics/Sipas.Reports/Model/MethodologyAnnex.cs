using Sipas.Analytics;

namespace Sipas.Reports;

/// <summary>What the methodology annex states about the wave.</summary>
/// <param name="Population">Who was sampled, in words (set up with the wave).</param>
/// <param name="Questionnaire">Questionnaire code and version, e.g. "sipas-dvhcc 2025.1".</param>
/// <param name="FrameUsed">A population frame weighted the responses (stratified design, w = N_h/n_h).</param>
/// <param name="Strata">Strata with valid responses.</param>
/// <param name="FramePopulation">Σ N_h of the frame, when used.</param>
/// <param name="Channels">Valid and invalid responses per collection channel.</param>
/// <param name="Integrity">Exclusions by supervisors and flagged-but-kept responses (null: the snapshot predates them).</param>
public sealed record MethodologyAnnex(LocalizedText Population, string Questionnaire, bool FrameUsed, int Strata,
    long? FramePopulation, IReadOnlyList<ChannelCount> Channels, ResponseIntegrity? Integrity = null);

/// <param name="Channel">web, paper, interview, import, portal; or web-verified / web-unverified.</param>
/// <param name="Part">A part of the channel row above it (verified and unverified web ratings): printed indented, not added to the total.</param>
public sealed record ChannelCount(string Channel, LocalizedText Name, int Valid, int Invalid, bool Part = false);

/// <summary>
/// Responses of the counted channels a supervisor excluded and flagged ones kept in the figures, by cause (a response
/// with two flags counts under each), and each official indicator without the flagged-but-kept responses.
/// </summary>
public sealed record ResponseIntegrity(int Excluded, int FlaggedKept, IReadOnlyList<IntegrityCauseCount> Causes,
    IReadOnlyList<UnflaggedIndicator> Indicators);

public sealed record IntegrityCauseCount(string Code, LocalizedText Name, int Excluded, int FlaggedKept);

/// <summary>An official indicator as published and without the flagged-but-kept responses.</summary>
public sealed record UnflaggedIndicator(string Code, LocalizedText Name, ReportEstimate Official, ReportEstimate Unflagged);
