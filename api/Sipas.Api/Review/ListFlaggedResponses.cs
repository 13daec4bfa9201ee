using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sipas.Api.Setup;
using Sipas.Data;

namespace Sipas.Api.Review;

public record FlagView(string Code, string Vi, string En);

/// <summary>A decision (in force, or in the history): who, when (Vietnam time) and why.</summary>
public record DecisionView(Guid Id, string Decision, string Reason, string DecidedBy, DateTimeOffset DecidedAt, string DecidedAtText,
    bool InForce);

/// <summary>
/// One response of a group, as much as a supervisor needs to decide and no more: never the dossier or device hash,
/// never the answers or comments (the microdata export is where answers are read).
/// </summary>
public record FlaggedResponse(Guid Id, DateTimeOffset ReceivedAt, string ReceivedAtText, string Channel, string Agency,
    string AgencyName, string PlaceKind, string PlaceKey, string PlaceName, IReadOnlyList<FlagView> Flags, DecisionView? Decision);

public record FlaggedPage(int Total, int Page, int PageSize, IReadOnlyList<FlaggedResponse> Items);

public static class ListFlaggedResponses
{
    public static async Task<Results<Ok<FlaggedPage>, NotFound, ValidationProblem>> Handle(string wave, HttpRequest request,
        SipasDb db, CancellationToken ct, int page = 1, int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        var selection = ReviewSelection.Read(name => request.Query.TryGetValue(name, out var v) ? v.ToString() : null, errors);
        if (page < 1) errors["page"] = ["Từ 1 / From 1"];
        if (pageSize is < 1 or > 200) errors["pageSize"] = ["Từ 1 đến 200 / From 1 to 200"];
        if (selection is null || errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Điều kiện lọc không hợp lệ / The filter is not valid");
        var waveId = await db.Waves.Where(w => w.Code == wave).Select(w => (int?)w.Id).SingleOrDefaultAsync(ct);
        if (waveId is null) return TypedResults.NotFound();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        var items = new List<(Guid Id, DateTimeOffset At, string Channel, string Agency, string AgencyName, string Kind, string Key, string Name, string[] Flags)>();
        var total = 0;
        await using (var command = new NpgsqlCommand { Connection = connection })
        {
            var where = selection.Where(waveId.Value, command.Parameters);
            command.CommandText = $"""
                SELECT r.id, r.received_at, r.channel, a.code, a.name_vi, {ReviewSelection.KindSql}, {ReviewSelection.KeySql},
                       {ReviewSelection.NameSql}, r.flags, (count(*) OVER ())::int
                {ReviewSelection.From}
                {where}
                ORDER BY r.received_at, r.id
                LIMIT {pageSize} OFFSET {(long)(page - 1) * pageSize}
                """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                items.Add((reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetFieldValue<string[]>(8)));
                total = reader.GetInt32(9);
            }
        }
        if (items.Count == 0 && page > 1) total = await CountAsync(connection, selection, waveId.Value, ct);

        var ids = items.Select(i => i.Id).ToList();
        var decisions = await db.ResponseReviews.AsNoTracking().Where(r => ids.Contains(r.ResponseId) && r.SupersededBy == null)
            .ToDictionaryAsync(r => r.ResponseId, ct);
        return TypedResults.Ok(new FlaggedPage(total, page, pageSize, [.. items.Select(i => new FlaggedResponse(i.Id, i.At,
            VietnameseFormat.Time(i.At), i.Channel, i.Agency, i.AgencyName, i.Kind, i.Key, i.Name,
            [.. i.Flags.Select(Flag)], decisions.TryGetValue(i.Id, out var d) ? View(d) : null))]));
    }

    public static FlagView Flag(string code)
    {
        var (vi, en) = ReviewSelection.Explain(code);
        return new FlagView(code, vi, en);
    }

    public static DecisionView View(ResponseReview r) =>
        new(r.Id, r.Decision, r.Reason, r.DecidedBy, r.DecidedAt, VietnameseFormat.Time(r.DecidedAt), r.SupersededBy is null);

    private static async Task<int> CountAsync(NpgsqlConnection connection, ReviewSelection selection, int waveId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand { Connection = connection };
        command.CommandText = $"SELECT count(*)::int {ReviewSelection.From} {selection.Where(waveId, command.Parameters)}";
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }
}
