using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Api.Intake;
using Sipas.Data;

namespace Sipas.Api.Surveyors;

/// <summary>
/// What one keying (or a supervisor's decision) says about a paper form: where it belongs and its answers.
/// Two forms are compared field by field (<see cref="Fields"/>): the place fields first, then every item.
/// </summary>
public sealed record PaperForm(int AgencyId, string AgencyCode, string AreaCode, string? UnitCode, string Stratum,
    short?[] Scores, SortedDictionary<string, JsonNode> Others)
{
    public static readonly string[] PlaceFields = ["agency", "area", "unit", "stratum"];

    /// <summary>Every field of the form in a fixed order, each value as text (null when blank).</summary>
    public IReadOnlyList<(string Field, string? Value)> Fields(Questionnaire questionnaire)
    {
        var fields = new List<(string, string?)> { ("agency", AgencyCode), ("area", AreaCode), ("unit", UnitCode), ("stratum", Stratum) };
        foreach (var item in questionnaire.Sections.SelectMany(s => s.Items))
        {
            var index = questionnaire.ScoredIndexOf(item.Code);
            fields.Add((item.Code, index >= 0
                ? Scores[index]?.ToString(CultureInfo.InvariantCulture)
                : Others.TryGetValue(item.Code, out var node) ? node.ToJsonString() : null));
        }
        return fields;
    }

    public bool SameAs(PaperForm other, Questionnaire questionnaire) =>
        Fields(questionnaire).SequenceEqual(other.Fields(questionnaire));

    public JsonDocument? OtherAnswersJson() => Others.Count == 0 ? null
        : JsonDocument.Parse(new JsonObject(Others.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value.DeepClone()))).ToJsonString());

    public static PaperForm Of(PaperKeying keying, string agencyCode) => new(keying.AgencyId, agencyCode, keying.AreaCode,
        keying.UnitCode, keying.Stratum, keying.Scores, OthersOf(keying.OtherAnswers));

    public static PaperForm Of(Response response, string agencyCode) => new(response.AgencyId, agencyCode, response.AreaCode,
        response.UnitCode, response.Stratum, response.Scores, OthersOf(response.OtherAnswers));

    private static SortedDictionary<string, JsonNode> OthersOf(JsonDocument? json) => json is null ? new(StringComparer.Ordinal)
        : new(JsonNode.Parse(json.RootElement.GetRawText())!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.DeepClone()),
            StringComparer.Ordinal);

    /// <summary>The response a form becomes: its id follows from the wave and serial, so making it twice is a no-op.</summary>
    public Response ToResponse(int waveId, string waveCode, string serial, QuestionnaireVersion questionnaire,
        Questionnaire definition, Guid enteredBy, DateTimeOffset submittedAt, DateTimeOffset now, ContentHasher hasher) => new()
    {
        Id = ResponseId(waveCode, serial),
        WaveId = waveId,
        QuestionnaireId = questionnaire.Id,
        Channel = Channels.Paper,
        AreaCode = AreaCode,
        AgencyId = AgencyId,
        UnitCode = UnitCode,
        Stratum = Stratum,
        SubmittedAt = submittedAt,
        ReceivedAt = now,
        Scores = Scores,
        OtherAnswers = OtherAnswersJson(),
        ContentHash = hasher.Hash(["paper", waveCode, serial, questionnaire.Key, .. Fields(definition).Select(f => $"{f.Field}={f.Value}")]),
        EnteredBy = enteredBy,
    };

    /// <summary>A name-based UUID (RFC 9562 version 5, SHA-1) of <c>paper/{wave}/{serial}</c>.</summary>
    public static Guid ResponseId(string waveCode, string serial) => NameBasedId($"paper/{waveCode}/{serial}");

    /// <summary>A name-based UUID (RFC 9562 version 5, SHA-1) of <paramref name="text"/> in Sipas's namespace.</summary>
    public static Guid NameBasedId(string text)
    {
        var name = Encoding.UTF8.GetBytes(text);
        var hash = SHA1.HashData([.. Namespace.ToByteArray(bigEndian: true), .. name]);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static readonly Guid Namespace = new("5b0f7e0c-3f1e-4d8a-9a51-2f6a0c5d7e11");
}

/// <summary>Reads the place fields and answers of a keying or a decision, reporting faults by JSON field.</summary>
public static partial class PaperFormReader
{
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/\-]{0,39}$")]
    private static partial Regex SerialPattern();

    /// <summary>A form serial as stored: trimmed, upper case; null when it is not a serial.</summary>
    public static string? Serial(string? text)
    {
        var serial = text?.Trim().ToUpperInvariant();
        return serial is not null && SerialPattern().IsMatch(serial) ? serial : null;
    }

    public static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!.Trim().Normalize(NormalizationForm.FormC) is { Length: > 0 } text ? text : null
            : null;

    /// <summary>
    /// A stratum credits the agency and area it names: <c>agency/area</c> (method.md §2) or a finer stratum of theirs
    /// (<c>agency/area/…</c>). A form cannot claim one agency's stratum (and its surveyor's assignment) while crediting another.
    /// </summary>
    public static bool Credits(string stratum, string agencyCode, string area) =>
        stratum == $"{agencyCode}/{area}" || stratum.StartsWith($"{agencyCode}/{area}/", StringComparison.Ordinal);

    public static async Task<PaperForm?> ReadAsync(JsonElement body, Questionnaire questionnaire, SipasDb db,
        Dictionary<string, string[]> errors, CancellationToken ct)
    {
        void Fault(string field, string vi, string en) => errors[field] = [$"{vi} / {en}"];

        var agencyCode = Text(body, "agency");
        var agency = agencyCode is null ? null
            : await db.Agencies.AsNoTracking().Where(a => a.Code == agencyCode).Select(a => new { a.Id, a.Code }).SingleOrDefaultAsync(ct);
        if (agency is null) Fault("agency", "Không có cơ quan với mã này", "No agency with this code");

        var area = Text(body, "area");
        if (area is null || !await db.ServiceAreas.AnyAsync(a => a.Code == area, ct))
            Fault("area", "Không có lĩnh vực với mã này", "No service area with this code");
        else if (agency is not null && !await db.Agencies.AnyAsync(a => a.Id == agency.Id && a.Areas.Any(x => x.Code == area), ct))
            Fault("area", "Cơ quan này không phục vụ lĩnh vực này", "This agency does not serve this service area");

        var unit = Text(body, "unit");
        if (unit is not null && !await db.AdministrativeUnits.AnyAsync(u => u.Code == unit, ct))
            Fault("unit", "Không có xã, phường với mã này", "No commune with this code");

        var stratum = Text(body, "stratum");
        if (stratum is not null && !Setup.Input.IsStratum(stratum)) errors["stratum"] = [Setup.Input.BadStratum];
        else if (stratum is not null && agency is not null && area is not null && !Credits(stratum, agency.Code, area))
            Fault("stratum", $"Tầng {stratum} không phải của cơ quan {agency.Code}, lĩnh vực {area}: phiếu chỉ được ghi cho cơ quan và lĩnh vực của tầng",
                $"Stratum {stratum} is not agency {agency.Code}'s in area {area}: a form credits only its stratum's agency and area");

        short?[] scores = [];
        SortedDictionary<string, JsonNode> others = [];
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("answers", out var answers) || answers.ValueKind != JsonValueKind.Object)
            Fault("answers", "Cần các câu trả lời theo mã câu hỏi", "Answers by item code are required");
        else
        {
            var read = AnswerReader.Read(answers, questionnaire, Fault);
            (scores, others) = (read.Scores, read.Others);
            if (!errors.Keys.Any(k => k.StartsWith("answers"))) AnswerReader.CheckRated(read, Fault);
        }

        return errors.Count > 0 ? null
            : new PaperForm(agency!.Id, agency.Code, area!, unit, stratum ?? $"{agency.Code}/{area}", scores, others);
    }
}
