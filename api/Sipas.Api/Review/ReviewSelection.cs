using System.Globalization;
using System.Text;
using Npgsql;
using Sipas.Data;

namespace Sipas.Api.Review;

/// <summary>
/// Which responses of a wave a listing or a group decision means: a cause (a flag code, <c>no-flag</c> for responses
/// decided without any flag; none = every flagged or decided response), a place (<see cref="Kinds"/> and its key: a
/// service point's code, a surveyor's user id, an agency's code), a day and hour of receipt in Vietnam time, and the
/// decision in force (<c>undecided</c>, <c>keep</c>, <c>exclude</c>).
/// </summary>
public sealed record ReviewSelection(string? Cause, string? Kind, string? Key, DateOnly? Day, int? Hour, string? Decision)
{
    public const string NoFlag = "no-flag", Undecided = "undecided";
    public static readonly string[] Kinds = ["service-point", "surveyor", "agency"];
    public static readonly string[] Decisions = [Undecided, ReviewDecisions.Keep, ReviewDecisions.Exclude];

    // Where a response was made: a service point (web), else who entered it (paper, interview, import), else its agency.
    public const string KindSql = "CASE WHEN r.service_point_id IS NOT NULL THEN 'service-point' WHEN r.entered_by IS NOT NULL THEN 'surveyor' ELSE 'agency' END";
    public const string KeySql = "CASE WHEN r.service_point_id IS NOT NULL THEN sp.code WHEN r.entered_by IS NOT NULL THEN r.entered_by::text ELSE a.code END";
    public const string NameSql = "CASE WHEN r.service_point_id IS NOT NULL THEN sp.name_vi WHEN r.entered_by IS NOT NULL THEN coalesce(u.display_name, u.user_name, r.entered_by::text) ELSE a.name_vi END";
    public const string LocalSql = "(r.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')";
    public const string From = """
        FROM sipas.responses r JOIN sipas.agencies a ON a.id = r.agency_id
        LEFT JOIN sipas.service_points sp ON sp.id = r.service_point_id
        LEFT JOIN sipas.users u ON u.id = r.entered_by
        """;

    /// <summary>Reads a selection from named values (query string or a JSON object), each fault under <paramref name="prefix"/>+name.</summary>
    public static ReviewSelection? Read(Func<string, string?> value, Dictionary<string, string[]> errors, string prefix = "")
    {
        var cause = value("cause");
        if (cause is not null && cause != NoFlag && !ResponseFlags.Explained.ContainsKey(cause))
            errors[prefix + "cause"] = [$"Mã cảnh báo không có / Unknown flag code (one of: {string.Join(", ", ResponseFlags.Explained.Keys)}, {NoFlag})"];
        var kind = value("kind");
        if (kind is not null && !Kinds.Contains(kind))
            errors[prefix + "kind"] = [$"Một trong / one of: {string.Join(", ", Kinds)}"];
        var key = value("key");
        if (key is not null && (key.Length is 0 or > 100)) errors[prefix + "key"] = ["1–100 ký tự / 1–100 characters"];
        if (key is not null && kind is null) errors[prefix + "kind"] = ["Cần khi có key / Required with key"];
        DateOnly? day = null;
        if (value("day") is { } dayText)
        {
            if (DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) day = d;
            else errors[prefix + "day"] = ["Ngày dạng yyyy-MM-dd / A date as yyyy-MM-dd"];
        }
        int? hour = null;
        if (value("hour") is { } hourText)
        {
            if (int.TryParse(hourText, NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h is >= 0 and <= 23) hour = h;
            else errors[prefix + "hour"] = ["Giờ từ 0 đến 23 / An hour from 0 to 23"];
            if (value("day") is null) errors[prefix + "day"] = ["Cần khi có giờ / Required with hour"];
        }
        var decision = value("decision");
        if (decision is not null && !Decisions.Contains(decision))
            errors[prefix + "decision"] = [$"Một trong / one of: {string.Join(", ", Decisions)}"];
        return errors.Count > 0 ? null : new ReviewSelection(cause, kind, key, day, hour, decision);
    }

    /// <summary>The WHERE clause of the selection over wave <paramref name="waveId"/> (not superseded), with its parameters.</summary>
    public string Where(int waveId, NpgsqlParameterCollection parameters)
    {
        var sql = new StringBuilder("WHERE r.wave_id = $1 AND r.superseded_by IS NULL");
        parameters.Add(new NpgsqlParameter<int> { TypedValue = waveId });
        string Next<T>(T v)
        {
            parameters.Add(new NpgsqlParameter<T> { TypedValue = v });
            return "$" + parameters.Count;
        }
        sql.Append(Cause switch
        {
            null => " AND (cardinality(r.flags) > 0 OR r.review IS NOT NULL)",
            NoFlag => " AND cardinality(r.flags) = 0 AND r.review IS NOT NULL",
            _ => $" AND {Next(Cause)} = ANY(r.flags)",
        });
        if (Kind is not null) sql.Append($" AND {KindSql} = {Next(Kind)}");
        if (Key is not null) sql.Append($" AND {KeySql} = {Next(Key)}");
        if (Day is { } day) sql.Append($" AND {LocalSql}::date = {Next(day)}");
        if (Hour is { } hour) sql.Append($" AND extract(hour FROM {LocalSql}) = {Next(hour)}");
        sql.Append(Decision switch
        {
            null => "",
            Undecided => " AND r.review IS NULL",
            _ => $" AND r.review = {Next(Decision)}",
        });
        return sql.ToString();
    }

    /// <summary>A cause's explanation in both languages (the flag codes' own words, in Sipas.Data.ResponseFlags).</summary>
    public static (string Vi, string En) Explain(string cause) =>
        cause == NoFlag ? ("Không có cảnh báo: giám sát viên tự quyết định", "No flag: decided on a supervisor's own finding")
        : ResponseFlags.Explained.TryGetValue(cause, out var words) ? words : (cause, cause);
}
