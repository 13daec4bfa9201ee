using Sipas.Analytics;

namespace Sipas.Reports;

/// <summary>What the methodology annex states about the wave.</summary>
/// <param name="Population">Who was sampled, in words (set up with the wave).</param>
/// <param name="Questionnaire">Questionnaire code and version, e.g. "sipas-dvhcc 2025.1".</param>
/// <param name="FrameUsed">A population frame weighted the responses (stratified design, w = N_h/n_h).</param>
/// <param name="Strata">Strata with valid responses.</param>
/// <param name="FramePopulation">Σ N_h of the frame, when used.</param>
/// <param name="Channels">Valid and invalid responses per collection channel.</param>
public sealed record MethodologyAnnex(LocalizedText Population, string Questionnaire, bool FrameUsed, int Strata,
    long? FramePopulation, IReadOnlyList<ChannelCount> Channels);

/// <param name="Channel">web, paper, interview or import.</param>
public sealed record ChannelCount(string Channel, LocalizedText Name, int Valid, int Invalid);
