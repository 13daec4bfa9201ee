using System.Net.Http.Json;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Surveyors;

/// <summary>Helpers for keying paper forms in tests.</summary>
public static class Keying
{
    public const string Sipas = "sipas-dvhcc@2025.1";

    public static object Form(Wave wave, string serial, Dictionary<string, object>? answers = null, string agency = "so-xay-dung",
        string area = "construction") =>
        new { wave = wave.Code, questionnaire = Sipas, serial, agency, area, answers = answers ?? Fieldwork.SipasAnswers() };

    public static Task<HttpResponseMessage> Key(this HttpClient client, object form) =>
        client.PostAsJsonAsync("/api/surveyors/keyings", form, TestContext.Current.CancellationToken);
}
