using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using Sipas.Analytics;

namespace Sipas.Jobs.Exports;

/// <summary>
/// Turns the rows of <see cref="ResponsesExport"/>'s COPY (id, channel, area, agency id, unit, stratum, submitted_at,
/// scores, other answers) into lines of the responses CSV, straight from their wire bytes: a uuid's 16 bytes, text as
/// UTF-8, an integer's 4 bytes, a timestamptz as microseconds since 2000-01-01 UTC, a smallint[] as PostgreSQL's binary
/// array, a jsonb as a version byte and its text. Agency codes are written from cells made once per agency. Nothing
/// is allocated per row.
/// </summary>
internal sealed class ResponseRows
{
    /// <summary>The COPY's columns, in order.</summary>
    public const int Fields = 9;
    private const int Id = 0, Channel = 1, Area = 2, Agency = 3, Unit = 4, Stratum = 5, SubmittedAt = 6, Scores = 7, Others = 8;
    private const uint Int2 = 21;
    private const int NoScore = int.MinValue;
    private static readonly long Epoch2000 = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly long Vietnam = TimeSpan.FromHours(7).Ticks;

    private readonly string[] codes;
    private readonly int[] scored, other;
    private readonly int[] scores;
    private readonly OtherAnswerCells answers;
    private readonly byte[] fixedCells;
    private readonly Dictionary<int, byte[]> agencies;

    /// <param name="questionnaire">The version exported: its item columns, in order.</param>
    /// <param name="waveCode">The wave's code, written on every row.</param>
    /// <param name="agencyCodes">Every agency's code by its id.</param>
    public ResponseRows(Questionnaire questionnaire, string waveCode, IReadOnlyDictionary<int, string> agencyCodes)
    {
        agencies = agencyCodes.ToDictionary(a => a.Key, a => Encoding.UTF8.GetBytes(Cell(a.Value) + ","));
        var items = questionnaire.Sections.SelectMany(s => s.Items).ToArray();
        codes = [.. items.Select(i => i.Code)];
        scored = [.. items.Select(i => questionnaire.ScoredIndexOf(i.Code))];
        var others = items.Where(i => questionnaire.ScoredIndexOf(i.Code) < 0).Select(i => i.Code).ToList();
        other = [.. items.Select(i => others.IndexOf(i.Code))];
        scores = new int[questionnaire.ScoredItems.Count];
        answers = new OtherAnswerCells(others);
        fixedCells = Encoding.UTF8.GetBytes($",{Cell(questionnaire.Key)},{Cell(waveCode)},");
    }

    /// <summary>The header line: the fixed columns, then the item codes.</summary>
    public void WriteHeader(CsvBuffer csv)
    {
        csv.Raw("response_id,questionnaire,wave,channel,area,agency,unit,stratum,submitted_at"u8);
        foreach (var code in codes)
        {
            csv.Byte((byte)',');
            csv.Text(Encoding.UTF8.GetBytes(code));
        }
        csv.Byte((byte)'\n');
    }

    /// <summary>Writes the whole rows <paramref name="reader"/> holds, until <paramref name="flushAt"/> bytes wait; returns how many.</summary>
    public int WriteAll(BinaryCopyReader reader, CsvBuffer csv, int flushAt)
    {
        var count = 0;
        while (csv.Pending < flushAt && reader.TryRow(out var row))
        {
            Write(row, csv);
            count++;
        }
        return count;
    }

    private void Write(RowFields row, CsvBuffer csv)
    {
        new Guid(row[Id], bigEndian: true).TryFormat(csv.Free(36), out var written, "D");
        csv.Advance(written);
        csv.Raw(fixedCells);
        csv.Text(row[Channel]);
        csv.Byte((byte)',');
        csv.Text(row[Area]);
        csv.Byte((byte)',');
        var agency = BinaryPrimitives.ReadInt32BigEndian(row[Agency]);
        csv.Raw(agencies.TryGetValue(agency, out var cell) ? cell : throw new InvalidDataException($"A response of unknown agency {agency}."));
        if (!row.IsNull(Unit)) csv.Text(row[Unit]);
        csv.Byte((byte)',');
        csv.Text(row[Stratum]);
        csv.Byte((byte)',');
        Hour(BinaryPrimitives.ReadInt64BigEndian(row[SubmittedAt]), csv);
        var count = ReadScores(row[Scores], scores);
        if (row.IsNull(Others)) answers.Clear();
        else if (answers.Count > 0) answers.Read(Jsonb(row[Others]));
        for (var i = 0; i < codes.Length; i++)
        {
            csv.Byte((byte)',');
            if (scored[i] >= 0)
            {
                if (scored[i] < count && scores[scored[i]] != NoScore) Score(scores[scored[i]], csv);
            }
            else if (other[i] >= 0)
            {
                if (answers.IsNumber(other[i])) csv.Number(answers.Cell(other[i]));
                else csv.Text(answers.Cell(other[i]));
            }
        }
        csv.Byte((byte)'\n');
    }

    /// <summary>
    /// A timestamptz (microseconds since 2000-01-01 UTC) in Vietnam's offset (whole hours), cut to the hour:
    /// <c>2025-05-14T09:00:00+07:00</c>. The exported time says which hour, never the minute a citizen rated.
    /// </summary>
    private static void Hour(long microseconds, CsvBuffer csv)
    {
        if (microseconds is long.MinValue or long.MaxValue) throw new InvalidDataException("A response submitted at infinity.");
        var local = new DateTime(Epoch2000 + microseconds * 10 + Vietnam);
        var (year, month, day) = local;
        var span = csv.Free(25);
        Digits(span, year, 4);
        span[4] = (byte)'-';
        Digits(span[5..], month, 2);
        span[7] = (byte)'-';
        Digits(span[8..], day, 2);
        span[10] = (byte)'T';
        Digits(span[11..], local.Hour, 2);
        ":00:00+07:00"u8.CopyTo(span[13..]);
        csv.Advance(25);
    }

    private static void Digits(Span<byte> span, int value, int width)
    {
        for (var i = width - 1; i >= 0; i--, value /= 10) span[i] = (byte)('0' + value % 10);
    }

    /// <summary>A score: <c>0</c>..<c>9</c> as one digit, anything else as an invariant integer.</summary>
    private static void Score(int value, CsvBuffer csv)
    {
        if (value is >= 0 and <= 9) csv.Byte((byte)('0' + value));
        else
        {
            Utf8Formatter.TryFormat(value, csv.Free(11), out var written);
            csv.Advance(written);
        }
    }

    /// <summary>
    /// Reads a binary smallint[] (dimensions, has-null flag, element type, per dimension its size and lower bound,
    /// then per element its length, -1 for NULL, and two bytes) into <paramref name="into"/>, NULL as
    /// <see cref="NoScore"/>, as many as fit; returns the array's length.
    /// </summary>
    private static int ReadScores(ReadOnlySpan<byte> array, int[] into)
    {
        var dimensions = BinaryPrimitives.ReadInt32BigEndian(array);
        if (dimensions == 0) return 0;
        if (dimensions != 1 || BinaryPrimitives.ReadUInt32BigEndian(array[8..]) != Int2)
            throw new InvalidDataException("A response's scores are not a one-dimensional smallint[].");
        var length = BinaryPrimitives.ReadInt32BigEndian(array[12..]);
        var at = 20;
        for (var i = 0; i < length && i < into.Length; i++)
        {
            var size = BinaryPrimitives.ReadInt32BigEndian(array[at..]);
            if (size is not (-1 or 2)) throw new InvalidDataException("A score of other than two bytes.");
            into[i] = size < 0 ? NoScore : BinaryPrimitives.ReadInt16BigEndian(array[(at + 4)..]);
            at += size < 0 ? 4 : 4 + size;
        }
        return length;
    }

    /// <summary>A binary jsonb: its format version (1), then the document's text.</summary>
    private static ReadOnlySpan<byte> Jsonb(ReadOnlySpan<byte> value) =>
        value.Length > 0 && value[0] == 1 ? value[1..] : throw new InvalidDataException("A jsonb of an unknown format version.");

    private static string Cell(string text) =>
        Sipas.Analytics.Interchange.CsvText.Field(Sipas.Analytics.Interchange.CsvText.Text(text));
}
