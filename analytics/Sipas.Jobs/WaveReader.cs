using System.Buffers.Binary;
using System.Data;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Sipas.Analytics;

namespace Sipas.Jobs;

/// <summary>A wave's responses as samples: per questionnaire version, the counted channels and each channel on its own.</summary>
/// <param name="Hash">SHA-256 over every row read, in response-id order (<see cref="WaveReader"/>).</param>
/// <param name="Read">Responses read (every channel).</param>
/// <param name="Counted">Responses of the counted channels (excluded ones are not read, so not counted).</param>
/// <param name="Integrity">Exclusions and flagged-but-kept responses of the counted channels, by cause.</param>
public sealed record WaveSamples(IReadOnlyList<QuestionnaireSamples> Questionnaires, byte[] Hash, int Read, int Counted,
    WaveIntegrity Integrity);

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
/// Reads a wave with one binary COPY of compact rows (one per response: id, questionnaire, codes, scored answers
/// as <c>smallint[]</c>) into <see cref="Sample"/>s. Superseded responses and responses a supervisor excluded
/// (decision in force <c>exclude</c>) are left out; a quality flag alone never leaves a response out (issue 14).
/// Rows come in response-id order, so the samples, their estimates and the data hash are the same on every run over
/// the same data. The rows and the integrity counts are read in one repeatable-read transaction, so they agree.
/// </summary>
public static class WaveReader
{
    /// <summary>Scope of the counted channels without flagged responses, and the web channel's verified/unverified halves.</summary>
    public const string Unflagged = "unflagged", WebVerified = "web-verified", WebUnverified = "web-unverified";
    public static readonly IReadOnlyList<string> Scopes = [Unflagged, WebVerified, WebUnverified];
    /// <summary>The cause an excluded response without any flag is counted under.</summary>
    public const string NoFlag = "no-flag";

    // Codes are joined in: the agency's code, the area, the unit (commune), the stratum and the channel; then whether
    // the response carries a flag and whether it came through an invitation (not hashed: the hash is of the data).
    private const string Copy = """
        COPY (SELECT r.id, r.questionnaire_id, r.channel, r.area_code, a.code, coalesce(r.unit_code, ''), r.stratum, r.scores,
                     cardinality(r.flags) > 0, r.invitation_id IS NOT NULL
              FROM sipas.responses r JOIN sipas.agencies a ON a.id = r.agency_id
              WHERE r.wave_id = {0} AND r.superseded_by IS NULL AND r.review IS DISTINCT FROM 'exclude'
              ORDER BY r.id) TO STDOUT (FORMAT BINARY)
        """;

    // Per cause (flag, or '' for an excluded response without flags): excluded and flagged-kept responses.
    private const string Causes = """
        SELECT r.review IS NOT DISTINCT FROM 'exclude', coalesce(f.flag, ''), count(*)
        FROM sipas.responses r LEFT JOIN LATERAL unnest(r.flags) AS f(flag) ON true
        WHERE r.wave_id = $1 AND r.superseded_by IS NULL AND r.channel = ANY($2)
          AND (r.review = 'exclude' OR cardinality(r.flags) > 0)
        GROUP BY 1, 2
        UNION ALL
        SELECT r.review IS NOT DISTINCT FROM 'exclude', '*', count(*)
        FROM sipas.responses r
        WHERE r.wave_id = $1 AND r.superseded_by IS NULL AND r.channel = ANY($2)
          AND (r.review = 'exclude' OR cardinality(r.flags) > 0)
        GROUP BY 1
        """;

    /// <summary>
    /// Reads wave <paramref name="waveId"/> (code <paramref name="waveCode"/>); <paramref name="questionnaires"/>
    /// maps the questionnaire ids that may occur to their definitions, <paramref name="counted"/> names the channels
    /// of the official figures. A row of an unknown questionnaire or with the wrong number of answers throws
    /// <see cref="InvalidDataException"/>: a snapshot is never made from data it cannot read whole.
    /// </summary>
    public static WaveSamples Read(NpgsqlConnection connection, int waveId, string waveCode,
        IReadOnlyDictionary<int, Questionnaire> questionnaires, IReadOnlyCollection<string> counted,
        Action<int>? onRows = null, CancellationToken ct = default)
    {
        // The sort by id runs in memory rather than in temporary files.
        using (var memory = new NpgsqlCommand("SET work_mem = '512MB'", connection)) memory.ExecuteNonQuery();

        // Synchronous reads: the rows are buffered, and a million awaited fields cost more than they give.
        var builders = new Dictionary<int, SampleBuilder>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1024];
        // One row's answers, sized from the largest questionnaire the wave may hold (not a guess at a limit).
        var answers = new sbyte[questionnaires.Values.Select(q => q.ScoredItems.Count).DefaultIfEmpty(0).Max()];
        var read = 0;
        var flagged = new Dictionary<int, List<bool>>();
        var invited = new Dictionary<int, List<bool>>();

        using var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
        using (var copy = connection.BeginBinaryExport(string.Format(Copy, waveId)))
        {
            while (copy.StartRow() != -1)
            {
                var id = copy.Read<Guid>();
                var questionnaireId = copy.Read<int>();
                var channel = copy.Read<string>();
                var area = copy.Read<string>();
                var agency = copy.Read<string>();
                var unit = copy.Read<string>();
                var stratum = copy.Read<string>();
                var scores = copy.Read<short?[]>();
                var isFlagged = copy.Read<bool>();
                var isInvited = copy.Read<bool>();

                if (!questionnaires.TryGetValue(questionnaireId, out var questionnaire))
                    throw new InvalidDataException($"Response {id} names questionnaire #{questionnaireId}, which the wave does not hold.");
                var m = questionnaire.ScoredItems.Count;
                if (scores.Length != m)
                    throw new InvalidDataException($"Response {id} has {scores.Length} scored answers; {questionnaire.Key} has {m}.");
                for (var i = 0; i < m; i++)
                    answers[i] = scores[i] is { } s and >= 0 and <= 5 ? (sbyte)s
                        : scores[i] is null ? Sample.Unanswered
                        : throw new InvalidDataException($"Response {id}: answer {scores[i]} is outside 0..5.");
                var row = answers.AsSpan(0, m);

                if (!builders.TryGetValue(questionnaireId, out var builder))
                {
                    builders[questionnaireId] = builder = new SampleBuilder(questionnaire, waveCode, 1 << 16);
                    (flagged[questionnaireId], invited[questionnaireId]) = ([], []);
                }
                builder.Add(row, stratum, agency, area, unit, channel);
                flagged[questionnaireId].Add(isFlagged);
                invited[questionnaireId].Add(isInvited);
                Append(hash, ref buffer, id, questionnaireId, [channel, area, agency, unit, stratum], row);
                if (++read % 100_000 == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    onRows?.Invoke(read);
                }
            }
        }

        var integrity = ReadIntegrity(connection, waveId, counted);
        transaction.Commit();

        var result = new List<QuestionnaireSamples>();
        var countedRows = 0;
        foreach (var (questionnaireId, builder) in builders.OrderBy(b => b.Key))
        {
            var all = builder.Build();
            var isCounted = all.Channels.Codes.Select(counted.Contains).ToArray();
            var official = Subset(all, k => isCounted[all.Channel[k]]);
            countedRows += official?.Count ?? 0;
            var byChannel = new Dictionary<string, Sample>(StringComparer.Ordinal);
            for (var c = 0; c < all.Channels.Count; c++)
            {
                var channel = c;
                byChannel[all.Channels[c]] = Subset(all, k => all.Channel[k] == channel)!;
            }
            var (isFlagged, isInvited) = (flagged[questionnaireId], invited[questionnaireId]);
            var web = all.Channels.Codes.ToList().IndexOf(Sipas.Data.Channels.Web);
            var scopes = new Dictionary<string, Sample>(StringComparer.Ordinal);
            void Scope(string name, Sample? sample) { if (sample is not null) scopes[name] = sample; }
            Scope(Unflagged, Subset(all, k => isCounted[all.Channel[k]] && !isFlagged[k]));
            Scope(WebVerified, web < 0 ? null : Subset(all, k => all.Channel[k] == web && isInvited[k]));
            Scope(WebUnverified, web < 0 ? null : Subset(all, k => all.Channel[k] == web && !isInvited[k]));
            result.Add(new QuestionnaireSamples(questionnaires[questionnaireId], official,
                byChannel.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value), scopes));
        }
        return new WaveSamples(result, hash.GetHashAndReset(), read, countedRows, integrity);
    }

    private static WaveIntegrity ReadIntegrity(NpgsqlConnection connection, int waveId, IReadOnlyCollection<string> counted)
    {
        var (excluded, kept) = (0, 0);
        var excludedBy = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var keptBy = new SortedDictionary<string, int>(StringComparer.Ordinal);
        using var command = new NpgsqlCommand(Causes, connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = waveId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. counted] });
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var isExcluded = reader.GetBoolean(0);
            var cause = reader.GetString(1);
            var count = (int)reader.GetInt64(2);
            if (cause == "*")
            {
                if (isExcluded) excluded = count; else kept = count;
                continue;
            }
            (isExcluded ? excludedBy : keptBy)[cause.Length == 0 ? NoFlag : cause] = count;
        }
        return new WaveIntegrity(excluded, kept, excludedBy, keptBy);
    }

    /// <summary>
    /// The responses of <paramref name="sample"/> that <paramref name="keep"/> selects, in the same order, sharing its
    /// code tables (codes without a response in the subset produce no group). Null when none is kept.
    /// </summary>
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
    /// The bytes hashed for one row: the id (16 bytes, big-endian RFC 4122 order), the questionnaire id (4 bytes),
    /// each code as its UTF-8 length (2 bytes) and bytes, then one byte per scored answer (−1 unanswered).
    /// </summary>
    private static void Append(IncrementalHash hash, ref byte[] buffer, Guid id, int questionnaireId,
        ReadOnlySpan<string> codes, ReadOnlySpan<sbyte> answers)
    {
        var needed = 20 + answers.Length;
        foreach (var code in codes) needed += 2 + Encoding.UTF8.GetMaxByteCount(code.Length);
        if (buffer.Length < needed) buffer = new byte[needed * 2];
        var span = buffer.AsSpan();
        id.TryWriteBytes(span, bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(span[16..], questionnaireId);
        var at = 20;
        foreach (var code in codes)
        {
            var length = Encoding.UTF8.GetBytes(code, span[(at + 2)..]);
            BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)length);
            at += 2 + length;
        }
        foreach (var a in answers) span[at++] = (byte)a;
        hash.AppendData(buffer, 0, at);
    }
}
