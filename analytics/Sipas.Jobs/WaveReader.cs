using System.Buffers.Binary;
using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Npgsql;
using Sipas.Analytics;

namespace Sipas.Jobs;

/// <summary>A wave's responses as samples: per questionnaire version, the counted channels and each channel on its own.</summary>
/// <param name="Hash">SHA-256 over every row read, in response-id order (<see cref="WaveReader"/>).</param>
/// <param name="Read">Responses read (every channel).</param>
/// <param name="Counted">Responses of the counted channels (excluded ones are not read, so not counted).</param>
/// <param name="Integrity">Exclusions and flagged-but-kept responses of the counted channels, by cause.</param>
/// <param name="Connections">Connections the rows were read on (two halves of the table when 2).</param>
public sealed record WaveSamples(IReadOnlyList<QuestionnaireSamples> Questionnaires, Task<byte[]> Hash, int Read, int Counted,
    WaveIntegrity Integrity, int Connections);

/// <summary>
/// One questionnaire version's samples: <see cref="Counted"/> (null when no counted response), one per channel, and
/// the extra scopes of <see cref="WaveReader.Scopes"/> (<c>unflagged</c>: the counted channels without the flagged
/// responses; <c>web-verified</c>/<c>web-unverified</c>: web ratings made through an invitation link or not).
/// </summary>
public sealed record QuestionnaireSamples(Questionnaire Questionnaire, Sample? Counted, IReadOnlyDictionary<string, Sample> ByChannel,
    IReadOnlyDictionary<string, Sample> Scopes);

/// <summary>
/// Responses of the counted channels excluded by a supervisor's decision in force, and flagged ones kept (no decision
/// or "keep"), each also by cause: a response with two flags counts under each, an excluded response with no flag
/// under <see cref="WaveReader.NoFlag"/>.
/// </summary>
public sealed record WaveIntegrity(int Excluded, int FlaggedKept, IReadOnlyDictionary<string, int> ExcludedByCause,
    IReadOnlyDictionary<string, int> FlaggedKeptByCause);

/// <summary>
/// Reads a wave with one binary COPY of compact rows (one per response: id, questionnaire, codes, scored answers as
/// <c>smallint[]</c>, flags, invitation, exclusion) into <see cref="Sample"/>s. Superseded responses and responses a
/// supervisor excluded (decision in force <c>exclude</c>) are left out of the samples; a quality flag alone never leaves
/// a response out (issue 14). PostgreSQL sends the rows unsorted (a sort of the wave costs it more than the COPY itself);
/// they are decoded straight into compact columns (<see cref="WaveCopy"/>) and put in response-id order here, so the
/// samples, their estimates and the data hash are the same on every run over the same data. The rows and the agencies'
/// codes are read in one repeatable-read transaction, and the integrity counts come from the same rows, so they agree.
/// </summary>
public static class WaveReader
{
    /// <summary>Scope of the counted channels without flagged responses, and the web channel's verified/unverified halves.</summary>
    public const string Unflagged = "unflagged", WebVerified = "web-verified", WebUnverified = "web-unverified";
    public static readonly IReadOnlyList<string> Scopes = [Unflagged, WebVerified, WebUnverified];
    /// <summary>The cause an excluded response without any flag is counted under.</summary>
    public const string NoFlag = "no-flag";

    // The fields WaveCopy decodes, in its order; excluded responses come too, to be counted by cause. {1} is empty, or
    // the half of the table's blocks this connection reads.
    private const string Copy = """
        COPY (SELECT r.id, r.questionnaire_id, r.channel, r.area_code, r.agency_id, r.unit_code, r.stratum, r.scores,
                     CASE WHEN cardinality(r.flags) > 0 THEN r.flags END, r.invitation_id IS NOT NULL,
                     r.review IS NOT DISTINCT FROM 'exclude'
              FROM sipas.responses r
              WHERE r.wave_id = {0} AND r.superseded_by IS NULL{1}) TO STDOUT (FORMAT BINARY)
        """;

    // The median block of the wave's rows in a sample of about 256 of the table's blocks: where to split the read in two.
    private const string Median = """
        SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY (r.ctid::text::point)[0])::bigint
        FROM sipas.responses r TABLESAMPLE SYSTEM ({1}) REPEATABLE (17)
        WHERE r.wave_id = {0}
        """;

    /// <summary>
    /// Reads wave <paramref name="waveId"/> (code <paramref name="waveCode"/>); <paramref name="questionnaires"/>
    /// maps the questionnaire ids that may occur to their definitions, <paramref name="counted"/> names the channels
    /// of the official figures. A row of an unknown questionnaire or with the wrong number of answers throws
    /// <see cref="InvalidDataException"/> (the first such row in id order): a snapshot is never made from data it
    /// cannot read whole. The data hash is computed in the background (<see cref="WaveSamples.Hash"/>).
    /// With <paramref name="connections"/> 2, the table's blocks are split at the median block of the wave's rows and
    /// each half is read on its own connection, both in one snapshot of the database (the second imports the first's),
    /// so PostgreSQL produces the rows on two cores; the samples are the same. <paramref name="expected"/>, the rows
    /// stored per questionnaire id when known, sizes the arrays once; <paramref name="onRows"/> hears of every 100,000.
    /// </summary>
    public static WaveSamples Read(NpgsqlDataSource dataSource, int waveId, string waveCode,
        IReadOnlyDictionary<int, Questionnaire> questionnaires, IReadOnlyCollection<string> counted,
        int connections = 1, Action<int>? onRows = null, IReadOnlyDictionary<int, int>? expected = null,
        CancellationToken ct = default)
    {
        var ids = questionnaires.Keys.Order().ToArray();
        var definitions = ids.Select(id => questionnaires[id]).ToArray();
        var slots = ids.Select((id, slot) => (id, slot)).ToDictionary(x => x.id, x => checked((ushort)x.slot));
        var rows = expected?.Values.Sum() ?? 0;
        var answers = (int)Math.Min(Array.MaxLength, expected?.Sum(e =>
            (long)e.Value * (questionnaires.TryGetValue(e.Key, out var q) ? q.ScoredItems.Count : 0)) ?? 0);
        var total = 0;
        Action<int>? progress = onRows is null ? null : delta => onRows(Interlocked.Add(ref total, delta));

        var parts = new List<WaveCopy>();
        using (var first = dataSource.OpenConnection())
        using (var transaction = first.BeginTransaction(IsolationLevel.RepeatableRead))
        {
            var agencies = new Dictionary<int, string>();
            using (var command = new NpgsqlCommand("SELECT id, code FROM sipas.agencies", first, transaction))
            using (var reader = command.ExecuteReader())
                while (reader.Read()) agencies[reader.GetInt32(0)] = reader.GetString(1);
            var split = connections > 1 ? SplitBlock(first, transaction, waveId) : null;
            parts.Add(new WaveCopy(definitions, slots, agencies, counted, new WaveRows(rows, answers)));
            if (split is not { } block)
                Decode(first, parts[0], "");
            else
            {
                string snapshot;
                using (var export = new NpgsqlCommand("SELECT pg_export_snapshot()", first, transaction))
                    snapshot = (string)export.ExecuteScalar()!;
                parts.Add(new WaveCopy(definitions, slots, agencies, counted, new WaveRows(rows / 2, answers / 2)));
                var second = Task.Run(() =>
                {
                    using var connection = dataSource.OpenConnection();
                    using var imported = connection.BeginTransaction(IsolationLevel.RepeatableRead);
                    using (var set = new NpgsqlCommand($"SET TRANSACTION SNAPSHOT '{snapshot}'", connection, imported))
                        set.ExecuteNonQuery();
                    Decode(connection, parts[1], $" AND r.ctid >= '({block},0)'::tid");
                    imported.Commit();
                }, ct);
                try
                {
                    Decode(first, parts[0], $" AND r.ctid < '({block},0)'::tid");
                }
                finally
                {
                    second.GetAwaiter().GetResult();
                }
            }
            transaction.Commit();
        }
        ct.ThrowIfCancellationRequested();
        var faults = parts.SelectMany(p => p.Faults).ToList();
        if (faults.Count > 0) throw new InvalidDataException(faults.MinBy(f => (f.High, f.Low)).Message);

        var read = parts[0].Rows;
        var places = parts[0].Places;
        foreach (var part in parts.Skip(1))
        {
            read.Append(part.Rows, places.Count);
            places.AddRange(part.Places);
        }
        var order = read.IdOrder();
        var hash = Task.Run(() => Hash(read, order, places, ids, [.. definitions.Select(q => q.ScoredItems.Count)]), ct);
        var samples = WaveSampleBuilder.Build(read, order, places, definitions, waveCode);
        return new WaveSamples(samples, hash, read.Count, samples.Sum(q => q.Counted?.Count ?? 0),
            WaveIntegrityCounts.Sum(parts.Select(p => p.Integrity)), parts.Count);

        void Decode(NpgsqlConnection connection, WaveCopy part, string blocks)
        {
            using var stream = connection.BeginRawBinaryCopy(string.Format(CultureInfo.InvariantCulture, Copy, waveId, blocks));
            part.Read(stream, progress, ct);
        }
    }

    /// <summary>The median block of the wave's rows, sampled; null when the sample holds none of them.</summary>
    private static long? SplitBlock(NpgsqlConnection connection, NpgsqlTransaction transaction, int waveId)
    {
        using var pages = new NpgsqlCommand("SELECT relpages FROM pg_class WHERE oid = 'sipas.responses'::regclass", connection, transaction);
        var blocks = Convert.ToDouble(pages.ExecuteScalar(), CultureInfo.InvariantCulture);
        var percent = blocks <= 256 ? 100 : 100 * 256 / blocks;
        using var median = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, Median, waveId, percent), connection, transaction);
        return median.ExecuteScalar() is long block ? block : null;
    }

    /// <summary>
    /// The responses of <paramref name="sample"/> that <paramref name="keep"/> selects, in the same order, sharing its
    /// code tables (codes without a response in the subset produce no group). Null when none is kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
    public static Sample? Subset(Sample sample, Func<int, bool> keep)
    {
        var m = sample.ItemCount;
        var chosen = new List<int>(sample.Count);
        for (var k = 0; k < sample.Count; k++) if (keep(k)) chosen.Add(k);
        if (chosen.Count == 0) return null;
        if (chosen.Count == sample.Count) return sample;
        var n = chosen.Count;
        var answers = new sbyte[n * m];
        int[] stratum = new int[n], agency = new int[n], area = new int[n], unit = new int[n], channel = new int[n];
        for (var j = 0; j < n; j++)
        {
            var k = chosen[j];
            sample.AnswersOf(k).CopyTo(answers.AsSpan(j * m, m));
            (stratum[j], agency[j], area[j], unit[j], channel[j]) =
                (sample.Stratum[k], sample.Agency[k], sample.Area[k], sample.Unit[k], sample.Channel[k]);
        }
        return new Sample(sample.Questionnaire, sample.Wave, answers, stratum, agency, area, unit, channel, sample.Strata,
            sample.Agencies, sample.Areas, sample.Units, sample.Channels);
    }

    /// <summary>
    /// SHA-256 over every row read, in id order. Per row: the id (16 bytes, big-endian RFC 4122 order), the questionnaire
    /// id (4 bytes), each code (channel, area, agency, unit, stratum) as its UTF-8 length (2 bytes) and bytes, then one
    /// byte per scored answer (−1 unanswered). Rows are appended in batches; the digest is the same as row by row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
    private static byte[] Hash(WaveRows rows, int[] order, List<Place> places, int[] questionnaireIds, int[] lengths)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        var at = 0;
        foreach (var r in order)
        {
            var place = places[rows.Place[r]];
            var m = lengths[rows.Slot[r]];
            var needed = 20 + place.Hashed.Length + m;
            if (at + needed > buffer.Length)
            {
                hash.AppendData(buffer, 0, at);
                at = 0;
                if (needed > buffer.Length) buffer = new byte[needed * 2];
            }
            var span = buffer.AsSpan(at);
            BinaryPrimitives.WriteUInt64BigEndian(span, rows.High[r]);
            BinaryPrimitives.WriteUInt64BigEndian(span[8..], rows.Low[r]);
            BinaryPrimitives.WriteInt32BigEndian(span[16..], questionnaireIds[rows.Slot[r]]);
            place.Hashed.CopyTo(span[20..]);
            MemoryMarshal.AsBytes(rows.Answers.AsSpan(rows.AnswersAt[r], m)).CopyTo(span[(20 + place.Hashed.Length)..]);
            at += needed;
        }
        hash.AppendData(buffer, 0, at);
        return hash.GetHashAndReset();
    }
}
