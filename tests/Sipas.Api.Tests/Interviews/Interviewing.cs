using System.Net.Http.Json;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Interviews;

/// <summary>Helpers for interview tests: assignments and interview bodies.</summary>
public static class Interviewing
{
    public const string Stratum = "so-xay-dung/construction";
    public static readonly DateTimeOffset At = new(2025, 9, 14, 9, 30, 0, TimeSpan.FromHours(7));

    public static object Completed(Wave wave, Guid id, Dictionary<string, object>? answers = null, string? unit = null,
        string stratum = Stratum) => new
    {
        clientId = id, wave = wave.Code, questionnaire = Surveyors.Keying.Sipas, stratum, unit, agency = "so-xay-dung",
        area = "construction", disposition = "completed", attemptedAt = At, answers = answers ?? Fieldwork.SipasAnswers(),
    };

    public static object Attempt(Wave wave, Guid id, string disposition, string stratum = Stratum, string? unit = null) =>
        new { clientId = id, wave = wave.Code, stratum, unit, disposition, attemptedAt = At };

    public static Task<HttpResponseMessage> Record(this HttpClient client, object interview) =>
        client.PostAsJsonAsync("/api/surveyors/interviews", interview, TestContext.Current.CancellationToken);

    /// <summary>Assigns <paramref name="userName"/> (a surveyor) to a stratum of the wave through the supervisor API.</summary>
    public static async Task Assign(HttpClient supervisor, Wave wave, string userName, string stratum = Stratum, string? unit = null,
        int? quota = null)
    {
        var response = await supervisor.PostAsJsonAsync($"/api/supervisor/waves/{wave.Code}/assignments",
            new { userName, stratum, unit, quota }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
