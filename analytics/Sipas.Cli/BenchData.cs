using System.Globalization;
using System.Text;

namespace Sipas.Cli;

/// <summary>
/// Seeded synthetic data for <c>bench analyze</c>: the SIPAS questionnaire (22 scored items), N responses in 40
/// strata (10 departments × 1 area, 15 communes × land and general) and a frame with N_h ≥ n_h. About 3% of
/// answers are empty, 3% "no opinion", 1% of forms invalid, 2% carry a quoted two-line comment.
/// </summary>
public static class BenchData
{
    private const int Seed = 20250514;

    /// <summary>Writes the files into <paramref name="directory"/> unless a complete set is already there; true when written.</summary>
    public static bool Ensure(string directory, int n)
    {
        var marker = Path.Combine(directory, ".complete");
        if (File.Exists(marker)) return false;
        Directory.CreateDirectory(directory);
        using (var resource = typeof(BenchData).Assembly.GetManifestResourceStream("bench-questionnaire.json")!)
        using (var file = File.Create(Path.Combine(directory, "questionnaire.json")))
            resource.CopyTo(file);

        var strata = Strata();
        var random = new Random(Seed);
        var satisfaction = strata.Select(_ => 0.70 + 0.28 * random.NextDouble()).ToArray();
        var share = strata.Select(_ => 0.5 + random.NextDouble()).ToArray();
        var cumulative = new double[share.Length];
        for (double sum = 0, i = 0; i < share.Length; i++) cumulative[(int)i] = sum += share[(int)i] / share.Sum();
        var counts = new int[strata.Length];
        string[] channels = ["web", "paper", "interview", "import"], sexes = ["nam", "nu", "khac", ""],
            ages = ["duoi-25", "25-34", "35-49", "50-64", "tu-65"];
        var start = new DateTimeOffset(2025, 1, 1, 7, 0, 0, TimeSpan.FromHours(7));
        var bytes = new byte[16];

        using (var writer = new StreamWriter(Path.Combine(directory, "responses.csv"), false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write("response_id,questionnaire,wave,channel,area,agency,unit,stratum,submitted_at," +
                         "TC1,TC2,TC3,TC4,TT1,TT2,TT3,TT4,TT5,CC1,CC2,CC3,CC4,CC5,CC6,KQ1,KQ2,KQ3,PA1,PA2,PA3,PA4,SEX,AGE_GROUP,COMMENT\n");
            var row = new StringBuilder(256);
            for (var k = 0; k < n; k++)
            {
                var u = random.NextDouble();
                var h = Array.FindIndex(cumulative, c => u <= c);
                if (h < 0) h = strata.Length - 1;
                counts[h]++;
                var (agency, area, unit) = strata[h];
                random.NextBytes(bytes);
                bytes[7] = (byte)(bytes[7] & 0x0F | 0x40);
                bytes[8] = (byte)(bytes[8] & 0x3F | 0x80);
                row.Clear();
                row.Append(new Guid(bytes).ToString("D")).Append(",sipas-dvhcc@2025.1,2025-H1,")
                   .Append(channels[random.Next(channels.Length)]).Append(',').Append(area).Append(',').Append(agency)
                   .Append(',').Append(unit).Append(',').Append(agency).Append('/').Append(area).Append(',')
                   .Append(start.AddSeconds(random.Next(180 * 86400)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
                var sparse = random.NextDouble() < 0.01;   // about 1% invalid forms
                // A respondent's own leaning around the stratum's level: answers correlate within a form.
                var leaning = Math.Clamp(satisfaction[h] + 0.25 * (random.NextDouble() - 0.5), 0, 1);
                for (var i = 0; i < 22; i++)
                {
                    row.Append(',');
                    var r = random.NextDouble();
                    if (sparse && i >= 10 || r < 0.03) continue;
                    if (r < 0.06) { row.Append('0'); continue; }
                    row.Append(random.NextDouble() < leaning ? (char)('4' + random.Next(2)) : (char)('1' + random.Next(3)));
                }
                row.Append(',').Append(sexes[random.Next(sexes.Length)]).Append(',').Append(ages[random.Next(ages.Length)]).Append(',');
                if (random.NextDouble() < 0.02) row.Append("\"Cần thêm ghế, \"\"nhanh hơn\"\"\nxin cảm ơn.\"");
                row.Append('\n');
                writer.Write(row);
            }
        }
        using (var frame = new StreamWriter(Path.Combine(directory, "frame.csv"), false, new UTF8Encoding(false)))
        {
            frame.Write("wave,stratum,population\n");
            for (var h = 0; h < strata.Length; h++)
                frame.Write($"2025-H1,{strata[h].Agency}/{strata[h].Area},{Math.Max(1, counts[h]) * (5 + random.Next(45))}\n");
        }
        File.WriteAllText(marker, n.ToString(CultureInfo.InvariantCulture));
        return true;
    }

    private static (string Agency, string Area, string Unit)[] Strata()
    {
        string[] departments = ["so-xay-dung", "so-nong-nghiep-moi-truong", "so-tai-chinh", "so-y-te",
            "so-giao-duc-dao-tao", "so-cong-thuong", "so-tu-phap", "so-noi-vu", "so-van-hoa-the-thao", "so-khoa-hoc-cong-nghe"];
        string[] areas = ["construction", "land", "investment", "health", "education", "investment", "general",
            "general", "general", "investment"];
        var strata = departments.Select((d, i) => (d, areas[i], "16681")).ToList();
        for (var c = 0; c < 15; c++)
        {
            var code = (16690 + 41 * c).ToString(CultureInfo.InvariantCulture);
            strata.Add(($"ubnd-{code}", "land", code));
            strata.Add(($"ubnd-{code}", "general", code));
        }
        return strata.ToArray();
    }
}
