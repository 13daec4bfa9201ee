using Npgsql;
using Sipas.Data;

namespace Sipas.Api.Intake;

/// <summary>What the web checks look at, besides the response itself.</summary>
public sealed record WebEvidence(DeviceCredential? Credential, IntakeCounts Counts, OpeningHours? OpeningHours, int Answered);

/// <summary>
/// The quality flags of <see cref="ResponseFlags"/>, computed at intake for every door and stored with the response.
/// A flag never deletes or refuses anything: supervisors review flagged responses (keep or exclude), and every
/// snapshot shows each indicator with and without the flagged-but-kept ones. Thresholds are settings
/// (<c>Sipas:Quality:*</c>) so a province can tune them; the defaults are in docs/security.md.
/// </summary>
public sealed class QualityChecks(NpgsqlDataSource dataSource, IConfiguration configuration)
{
    private double MinSecondsPerAnswer => configuration.GetValue("Sipas:Citizen:MinSecondsPerAnswer", 1.0);
    private int StraightLineMinItems => configuration.GetValue("Sipas:Quality:StraightLineMinItems", 8);
    private int BurstMinPerHour => configuration.GetValue("Sipas:Quality:BurstMinPerHour", 40);
    private double BurstFactor => configuration.GetValue("Sipas:Quality:BurstFactor", 5.0);
    private int InterviewsPerHour => configuration.GetValue("Sipas:Quality:InterviewsPerHour", 6);
    private double InterviewSecondsPerAnswer => configuration.GetValue("Sipas:Quality:InterviewSecondsPerAnswer", 3.0);
    private double LowSpreadRatio => configuration.GetValue("Sipas:Quality:LowSpreadRatio", 0.5);
    private int LowSpreadMinForms => configuration.GetValue("Sipas:Quality:LowSpreadMinForms", 10);

    /// <summary>Flags of a citizen's web rating.</summary>
    public async Task<string[]> WebAsync(Response response, WebEvidence evidence, CancellationToken ct)
    {
        var flags = new List<string>();
        if (evidence.Credential is null) flags.Add(ResponseFlags.UnverifiedDevice);
        else if ((response.ReceivedAt - evidence.Credential.IssuedAt).TotalSeconds < MinSecondsPerAnswer * evidence.Answered)
            flags.Add(ResponseFlags.TooFast);
        if (StraightLine(response.Scores)) flags.Add(ResponseFlags.StraightLine);
        var counts = evidence.Counts;
        if (counts.ServicePointThisHour > Math.Max(BurstMinPerHour, BurstFactor * counts.ServicePointUsualHour)) flags.Add(ResponseFlags.Burst);
        if (counts.DeviceToday > 1) flags.Add(ResponseFlags.RepeatedDevice);
        if (evidence.OpeningHours is { } hours && !hours.IsOpen(response.ReceivedAt, TimeSpan.FromMinutes(30)))
            flags.Add(ResponseFlags.OutsideHours);
        if (await RepeatedDossierAsync(response, ct)) flags.Add(ResponseFlags.RepeatedDossier);
        return [.. flags];
    }

    /// <summary>Flags of a rating pushed by a client system (one per dossier is expected).</summary>
    public async Task<string[]> PortalAsync(Response response, CancellationToken ct)
    {
        var flags = new List<string>();
        if (StraightLine(response.Scores)) flags.Add(ResponseFlags.StraightLine);
        if (await RepeatedDossierAsync(response, ct)) flags.Add(ResponseFlags.RepeatedDossier);
        return [.. flags];
    }

    /// <summary>
    /// Flags of a form a surveyor made (paper keying, interview, import): straight-lining, near-identical to another
    /// form by the same person in the wave, the person's answers spreading far less than other surveyors'; for an
    /// interview also the person's interviews in that hour and its duration (<paramref name="startedAt"/>, by the device).
    /// </summary>
    public async Task<string[]> SurveyorAsync(Response response, DateTimeOffset? startedAt, CancellationToken ct)
    {
        var flags = new List<string>();
        if (StraightLine(response.Scores)) flags.Add(ResponseFlags.StraightLine);
        if (response.EnteredBy is not { } by) return [.. flags];
        var answered = response.Scores.Count(s => s is not null);
        if (response.Channel == Channels.Interview)
        {
            if (startedAt is { } start && (response.SubmittedAt - start).TotalSeconds < InterviewSecondsPerAnswer * answered)
                flags.Add(ResponseFlags.ShortInterview);
            if (await InterviewsAroundAsync(response, by, ct) > InterviewsPerHour) flags.Add(ResponseFlags.SurveyorRate);
        }
        var (nearDuplicate, mine, mineForms, others, otherForms) = await SpreadAsync(response, by, ct);
        if (nearDuplicate) flags.Add(ResponseFlags.NearDuplicate);
        var spread = Spread(response.Scores);
        var myMean = (mine * mineForms + spread) / (mineForms + 1);
        if (mineForms + 1 >= LowSpreadMinForms && otherForms >= LowSpreadMinForms && others > 0 && myMean < LowSpreadRatio * others)
            flags.Add(ResponseFlags.LowSpread);
        return [.. flags];
    }

    /// <summary>Every given rating (1..5) the same, over at least <c>StraightLineMinItems</c> items.</summary>
    public bool StraightLine(short?[] scores)
    {
        var given = scores.Where(s => s is > 0).ToList();
        return given.Count >= StraightLineMinItems && given.All(s => s == given[0]);
    }

    private async Task<bool> RepeatedDossierAsync(Response response, CancellationToken ct)
    {
        if (response.DossierHash is null) return false;
        await using var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM sipas.responses WHERE wave_id = $1 AND dossier_hash = $2 AND id <> $3)");
        command.Parameters.AddWithValue(response.WaveId);
        command.Parameters.AddWithValue(response.DossierHash);
        command.Parameters.AddWithValue(response.Id);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The surveyor's interviews within half an hour either side of this one, this one included.</summary>
    private async Task<long> InterviewsAroundAsync(Response response, Guid by, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) + 1 FROM sipas.responses
            WHERE entered_by = $1 AND channel = 'interview' AND id <> $2 AND submitted_at BETWEEN $3 AND $4
            """);
        command.Parameters.AddWithValue(by);
        command.Parameters.AddWithValue(response.Id);
        command.Parameters.AddWithValue(response.SubmittedAt.AddMinutes(-30));
        command.Parameters.AddWithValue(response.SubmittedAt.AddMinutes(30));
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Compares the form with the same person's other forms of the questionnaire in the wave (near-duplicate: at most
    /// one scored item differs, over at least five given), and the mean within-form spread of that person's forms with
    /// other people's.
    /// </summary>
    private async Task<(bool NearDuplicate, double Mine, int MineForms, double Others, int OtherForms)> SpreadAsync(
        Response response, Guid by, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT entered_by = $1, scores FROM sipas.responses
            WHERE wave_id = $2 AND questionnaire_id = $3 AND channel IN ('paper', 'interview', 'import') AND id <> $4
              AND superseded_by IS NULL
            ORDER BY received_at DESC LIMIT 20000
            """);
        command.Parameters.AddWithValue(by);
        command.Parameters.AddWithValue(response.WaveId);
        command.Parameters.AddWithValue(response.QuestionnaireId);
        command.Parameters.AddWithValue(response.Id);
        bool near = false;
        double mine = 0, others = 0;
        int mineForms = 0, otherForms = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var scores = reader.GetFieldValue<short?[]>(1);
            if (reader.GetBoolean(0))
            {
                near |= NearlyIdentical(scores, response.Scores);
                mine += Spread(scores);
                mineForms++;
            }
            else
            {
                others += Spread(scores);
                otherForms++;
            }
        }
        return (near, mineForms == 0 ? 0 : mine / mineForms, mineForms, otherForms == 0 ? 0 : others / otherForms, otherForms);
    }

    private static bool NearlyIdentical(short?[] a, short?[] b)
    {
        if (a.Length != b.Length || b.Count(s => s is > 0) < 5) return false;
        var differ = 0;
        for (var i = 0; i < a.Length && differ <= 1; i++) if (a[i] != b[i]) differ++;
        return differ <= 1;
    }

    /// <summary>The standard deviation of a form's given ratings (1..5).</summary>
    private static double Spread(short?[] scores)
    {
        var given = scores.Where(s => s is > 0).Select(s => (double)s!.Value).ToArray();
        if (given.Length < 2) return 0;
        var mean = given.Average();
        return Math.Sqrt(given.Sum(v => (v - mean) * (v - mean)) / given.Length);
    }
}
