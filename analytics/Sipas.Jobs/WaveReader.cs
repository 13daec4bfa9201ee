using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Sipas.Analytics;

namespace Sipas.Jobs;

/// <summary>A wave's responses as samples: per questionnaire version, the counted channels and each channel on its own.</summary>
/// <param name="Hash">SHA-256 over every row read, in response-id order (<see cref="WaveReader"/>).</param>
/// <param name="Read">Responses read (every channel).</param>
/// <param name="Counted">Responses of the counted channels.</param>
public sealed record WaveSamples(IReadOnlyList<QuestionnaireSamples> Questionnaires, byte[] Hash, int Read, int Counted);

/// <summary>One questionnaire version's samples: <see cref="Counted"/> (null when no counted response) and one per channel.</summary>
public sealed record QuestionnaireSamples(Questionnaire Questionnaire, Sample? Counted, IReadOnlyDictionary<string, Sample> ByChannel);

/// <summary>
/// Reads a wave with one binary COPY of compact rows (one per response: id, questionnaire, codes, scored answers
/// as <c>smallint[]</c>) into <see cref="Sample"/>s. Superseded responses and responses with quality flags are
/// left out (Response.Flags: "kept but left out of official figures"). Rows come in response-id order, so the
/// samples, their estimates and the data hash are the same on every run over the same data.
/// </summary>
public static class WaveReader
{
    // Codes are joined in: the agency's code, the area, the unit (commune), the stratum and the channel.
    private const string Copy = """
        COPY (SELECT r.id, r.questionnaire_id, r.channel, r.area_code, a.code, coalesce(r.unit_code, ''), r.stratum, r.scores
              FROM sipas.responses r JOIN sipas.agencies a ON a.id = r.agency_id
              WHERE r.wave_id = {0} AND r.superseded_by IS NULL AND cardinality(r.flags) = 0
              ORDER BY r.id) TO STDOUT (FORMAT BINARY)
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
        var answers = new sbyte[256];
        var read = 0;

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
                    builders[questionnaireId] = builder = new SampleBuilder(questionnaire, waveCode, 1 << 16);
                builder.Add(row, stratum, agency, area, unit, channel);
                Append(hash, ref buffer, id, questionnaireId, [channel, area, agency, unit, stratum], row);
                if (++read % 100_000 == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    onRows?.Invoke(read);
                }
            }
        }

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
            result.Add(new QuestionnaireSamples(questionnaires[questionnaireId], official,
                byChannel.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value)));
        }
        return new WaveSamples(result, hash.GetHashAndReset(), read, countedRows);
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
