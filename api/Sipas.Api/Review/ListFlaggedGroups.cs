using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sipas.Data;

namespace Sipas.Api.Review;

/// <summary>Responses in a group: how many, and how many have no decision, are kept, are excluded.</summary>
public record ReviewCounts(int Responses, int Undecided, int Kept, int Excluded)
{
    public ReviewCounts Plus(ReviewCounts o) => new(Responses + o.Responses, Undecided + o.Undecided, Kept + o.Kept, Excluded + o.Excluded);
    public static readonly ReviewCounts Zero = new(0, 0, 0, 0);
}

public record FlagHour(int Hour, int Responses);

/// <summary>A day of receipt in Vietnam time (<c>2025-09-14</c>, shown 14/09/2025) with its hours.</summary>
public record FlagDay(string Day, string DayText, ReviewCounts Counts, IReadOnlyList<FlagHour> Hours);

/// <summary>A service point (web), a surveyor (paper, interview, import) or an agency (other) with responses of one cause.</summary>
public record FlagGroup(string Kind, string Key, string Name, ReviewCounts Counts, IReadOnlyList<FlagDay> Days);

public record FlagCause(string Cause, string Vi, string En, ReviewCounts Counts, IReadOnlyList<FlagGroup> Groups);

/// <summary>
/// A wave's flagged (or decided) responses: <see cref="Totals"/> counts each response once; a response with two flags
/// is in two causes.
/// </summary>
public record ReviewOverview(string Wave, ReviewCounts Totals, IReadOnlyList<FlagCause> Causes);

public static class ListFlaggedGroups
{
    private const string Counts = """
        count(*)::int, (count(*) FILTER (WHERE r.review IS NULL))::int,
        (count(*) FILTER (WHERE r.review = 'keep'))::int, (count(*) FILTER (WHERE r.review = 'exclude'))::int
        """;

    public static async Task<Results<Ok<ReviewOverview>, NotFound>> Handle(string wave, SipasDb db, CancellationToken ct)
    {
        var waveId = await db.Waves.Where(w => w.Code == wave).Select(w => (int?)w.Id).SingleOrDefaultAsync(ct);
        if (waveId is null) return TypedResults.NotFound();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);

        var rows = new List<(string Cause, string Kind, string Key, string Name, DateOnly Day, int Hour, ReviewCounts Counts)>();
        await using (var command = new NpgsqlCommand($"""
            SELECT c.cause, {ReviewSelection.KindSql}, {ReviewSelection.KeySql}, {ReviewSelection.NameSql},
                   {ReviewSelection.LocalSql}::date, extract(hour FROM {ReviewSelection.LocalSql})::int, {Counts}
            {ReviewSelection.From}
            CROSS JOIN LATERAL unnest(CASE WHEN cardinality(r.flags) = 0 THEN ARRAY['{ReviewSelection.NoFlag}'] ELSE r.flags END) AS c(cause)
            WHERE r.wave_id = $1 AND r.superseded_by IS NULL AND (cardinality(r.flags) > 0 OR r.review IS NOT NULL)
            GROUP BY 1, 2, 3, 4, 5, 6
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = waveId.Value });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetFieldValue<DateOnly>(4), reader.GetInt32(5),
                    new ReviewCounts(reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9))));
        }

        ReviewCounts totals;
        await using (var command = new NpgsqlCommand($"""
            SELECT {Counts} FROM sipas.responses r
            WHERE r.wave_id = $1 AND r.superseded_by IS NULL AND (cardinality(r.flags) > 0 OR r.review IS NOT NULL)
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = waveId.Value });
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            totals = new ReviewCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
        }

        static ReviewCounts Sum(IEnumerable<ReviewCounts> counts) => counts.Aggregate(ReviewCounts.Zero, (a, b) => a.Plus(b));
        var causes = rows.GroupBy(r => r.Cause)
            .Select(c =>
            {
                var groups = c.GroupBy(r => (r.Kind, r.Key))
                    .Select(g => new FlagGroup(g.Key.Kind, g.Key.Key, g.First().Name, Sum(g.Select(r => r.Counts)),
                        [.. g.GroupBy(r => r.Day).OrderBy(d => d.Key).Select(d => new FlagDay(
                            d.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Key.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                            Sum(d.Select(r => r.Counts)), [.. d.OrderBy(r => r.Hour).Select(r => new FlagHour(r.Hour, r.Counts.Responses))]))]))
                    .OrderByDescending(g => g.Counts.Responses).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
                var (vi, en) = ReviewSelection.Explain(c.Key);
                return new FlagCause(c.Key, vi, en, Sum(groups.Select(g => g.Counts)), groups);
            })
            .OrderByDescending(c => c.Counts.Responses).ThenBy(c => c.Cause, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new ReviewOverview(wave, totals, causes));
    }
}
