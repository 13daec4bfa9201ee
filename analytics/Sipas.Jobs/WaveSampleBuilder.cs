using System.Runtime.CompilerServices;
using Sipas.Analytics;

namespace Sipas.Jobs;

/// <summary>
/// Turns a wave's decoded rows, taken in id order, into each questionnaire version's samples: one per channel and one of
/// the counted channels, filled in one pass with their arrays sized beforehand. Codes get their indexes where a
/// <see cref="SampleBuilder"/> would give them (first appearance in id order), so the samples equal those a builder
/// fed the same rows would make, and subsets of them those of <see cref="WaveReader.Subset"/>.
/// </summary>
internal static class WaveSampleBuilder
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop over every row: skip tier-0 and on-stack replacement
    public static List<QuestionnaireSamples> Build(WaveRows rows, int[] order, List<Place> places,
        IReadOnlyList<Questionnaire> questionnaires, string wave)
    {
        var builds = questionnaires.Select(q => new Slot(q)).ToArray();
        foreach (var place in places)
            for (var slot = 0; slot < builds.Length; slot++)
            {
                if (place.Rows[slot] == 0 || !place.Known) continue;
                var sizes = builds[slot].Sizes;
                sizes[place.ChannelCode] = sizes.GetValueOrDefault(place.ChannelCode) + place.Rows[slot];
                if (place.Counted) builds[slot].CountedSize += place.Rows[slot];
            }

        foreach (var r in order)
        {
            var slot = rows.Slot[r];
            var build = builds[slot];
            var place = places[rows.Place[r]];
            var at = place.Indexes[slot] ??= build.Assign(place);
            var answers = rows.Answers.AsSpan(rows.AnswersAt[r], build.M);
            at.Target.Add(answers, at, rows.Marks[r]);
            at.Counted?.Add(answers, at, rows.Marks[r]);
        }

        var result = new List<QuestionnaireSamples>();
        foreach (var build in builds)
            if (build.Channels.Count > 0) result.Add(build.ToSamples(wave));
        return result;
    }

    /// <summary>One questionnaire version's code tables and sample columns.</summary>
    private sealed class Slot(Questionnaire questionnaire)
    {
        public readonly int M = questionnaire.ScoredItems.Count;
        public readonly Dictionary<string, int> Sizes = new(StringComparer.Ordinal);
        public int CountedSize;
        public readonly CodeTable Strata = new(), Agencies = new(), Areas = new(), Units = new(), Channels = new();
        private readonly List<SampleColumns> byChannel = [];
        private SampleColumns? counted;

        /// <summary>A place's indexes, added to the tables in the order a <see cref="SampleBuilder"/> adds them.</summary>
        public PlaceIndexes Assign(Place place)
        {
            var stratum = Strata.Add(place.Stratum.Length == 0 ? $"{place.Agency}/{place.Area}" : place.Stratum);
            var agency = Agencies.Add(place.Agency);
            var area = Areas.Add(place.Area);
            var unit = place.Unit.Length == 0 ? -1 : Units.Add(place.Unit);
            var channel = Channels.Add(place.Channel);
            if (channel == byChannel.Count) byChannel.Add(new SampleColumns(Sizes[Channels[channel]], M));
            if (place.Counted) counted ??= new SampleColumns(CountedSize, M);
            return new PlaceIndexes(stratum, agency, area, unit, channel, byChannel[channel], place.Counted ? counted : null);
        }

        public QuestionnaireSamples ToSamples(string wave)
        {
            Sample Of(SampleColumns c) => c.ToSample(questionnaire, wave, Strata, Agencies, Areas, Units, Channels);
            var official = counted is null ? null : Of(counted);
            var channels = new SortedDictionary<string, Sample>(StringComparer.Ordinal);
            for (var c = 0; c < byChannel.Count; c++) channels[Channels[c]] = Of(byChannel[c]);
            var scopes = new Dictionary<string, Sample>(StringComparer.Ordinal);
            void Scope(string name, Sample? sample) { if (sample is not null) scopes[name] = sample; }
            Scope(WaveReader.Unflagged, official is null ? null : WaveReader.Subset(official, k => !counted!.Flagged[k]));
            var web = Channels.IndexOf(Sipas.Data.Channels.Web);
            if (web >= 0)
            {
                var (sample, columns) = (channels[Channels[web]], byChannel[web]);
                Scope(WaveReader.WebVerified, WaveReader.Subset(sample, k => columns.Invited[k]));
                Scope(WaveReader.WebUnverified, WaveReader.Subset(sample, k => !columns.Invited[k]));
            }
            return new QuestionnaireSamples(questionnaire, official, channels, scopes);
        }
    }
}
