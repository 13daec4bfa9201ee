using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;
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
        // Synchronous reads: the rows are buffered, and a million awaited fields cost more than they give.
        var builders = new Dictionary<int, Builders>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1024];
        var answers = new sbyte[256];
        int read = 0, countedRows = 0;

        using (var copy = connection.BeginBinaryExport(string.Format(Copy, waveId)))
        {
            while (copy.StartRow() != -1)
            {
                var id = copy.Read<Guid>(NpgsqlDbType.Uuid);
                var questionnaireId = copy.Read<int>(NpgsqlDbType.Integer);
                var channel = copy.Read<string>(NpgsqlDbType.Text);
                var area = copy.Read<string>(NpgsqlDbType.Text);
                var agency = copy.Read<string>(NpgsqlDbType.Text);
                var unit = copy.Read<string>(NpgsqlDbType.Text);
                var stratum = copy.Read<string>(NpgsqlDbType.Text);
                var scores = copy.Read<short?[]>(NpgsqlDbType.Array | NpgsqlDbType.Smallint);

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

                if (!builders.TryGetValue(questionnaireId, out var b)) builders[questionnaireId] = b = new Builders();
                if (counted.Contains(channel))
                {
                    b.Counted ??= new SampleBuilder(questionnaire, waveCode, 4096);
                    b.Counted.Add(row, stratum, agency, area, unit, channel);
                    countedRows++;
                }
                if (!b.ByChannel.TryGetValue(channel, out var byChannel))
                    b.ByChannel[channel] = byChannel = new SampleBuilder(questionnaire, waveCode, 4096);
                byChannel.Add(row, stratum, agency, area, unit, channel);

                Append(hash, ref buffer, id, questionnaireId, [channel, area, agency, unit, stratum], row);
                if (++read % 100_000 == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    onRows?.Invoke(read);
                }
            }
        }

        var result = builders.OrderBy(b => b.Key).Select(b => new QuestionnaireSamples(questionnaires[b.Key],
            b.Value.Counted?.Build(), b.Value.ByChannel.OrderBy(c => c.Key, StringComparer.Ordinal)
                .ToDictionary(c => c.Key, c => c.Value.Build()))).ToList();
        return new WaveSamples(result, hash.GetHashAndReset(), read, countedRows);
    }

    private sealed class Builders
    {
        public SampleBuilder? Counted;
        public readonly Dictionary<string, SampleBuilder> ByChannel = new(StringComparer.Ordinal);
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
