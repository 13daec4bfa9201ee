using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Review;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Api.Tests.Results;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Review;

public class ReviewTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    // 09:xx on 14/09/2025 in Vietnam.
    private static readonly DateTimeOffset BurstHour = new(2025, 9, 14, 2, 0, 0, TimeSpan.Zero);

    private sealed record Setup(Wave Wave, Sipas.Data.ServicePoint Point, Guid Surveyor, List<Response> Burst, List<Response> NearDuplicate,
        List<Response> Unflagged);

    /// <summary>
    /// 160 responses: web ones made at the service point (every 3rd flagged burst at 09:xx on 14/09/2025), paper and
    /// interview ones entered by a surveyor (every 4th flagged near-duplicate; every 8th also straight-line).
    /// </summary>
    private async Task<Setup> Arrange()
    {
        var (wave, point) = await Fieldwork.OpenWaveWithServicePoint(Database);
        await App.SignedInClient(Roles.Surveyor, "dtv-an");
        await using var db = Database.NewDb();
        var surveyor = await db.Users.Where(u => u.UserName == "dtv-an").Select(u => u.Id).SingleAsync(Ct);
        // This wave counts the web channel too (a wave naming none counts only the surveyor channels).
        await db.Waves.Where(w => w.Id == wave.Id).ExecuteUpdateAsync(w => w.SetProperty(x => x.OfficialChannels,
            new[] { Channels.Web, Channels.Paper, Channels.Interview }), Ct);
        var all = await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 160, seed: 14, channels: [Channels.Web, Channels.Paper, Channels.Interview]);
        var (burst, near) = (new List<Response>(), new List<Response>());
        for (var i = 0; i < all.Count; i++)
        {
            var r = all[i];
            if (r.Channel == Channels.Web)
            {
                r.ServicePointId = point.Id;
                if (i % 3 != 0) continue;
                (r.Flags, r.ReceivedAt) = ([ResponseFlags.Burst], BurstHour.AddMinutes(i % 60));
                burst.Add(r);
            }
            else
            {
                r.EnteredBy = surveyor;
                if (i % 4 != 0) continue;
                r.Flags = i % 8 == 0 ? [ResponseFlags.NearDuplicate, ResponseFlags.StraightLine] : [ResponseFlags.NearDuplicate];
                near.Add(r);
            }
        }
        await db.SaveChangesAsync(Ct);
        Assert.True(burst.Count >= 10 && near.Count >= 10, $"{burst.Count} burst, {near.Count} near-duplicate");
        return new Setup(wave, point, surveyor, burst, near, [.. all.Where(r => r.Flags.Length == 0)]);
    }

    [Fact]
    public async Task Groups_CountEachCauseByServicePointAndSurveyor_WithTheExplanationInBothLanguages()
    {
        var s = await Arrange();
        var supervisor = await App.SignedInClient(Roles.Supervisor);

        var overview = (await supervisor.GetFromJsonAsync<ReviewOverview>($"/api/supervisor/waves/{s.Wave.Code}/review", Ct))!;

        Assert.Equal(new ReviewCounts(s.Burst.Count + s.NearDuplicate.Count, s.Burst.Count + s.NearDuplicate.Count, 0, 0), overview.Totals);
        var burst = overview.Causes.Single(c => c.Cause == ResponseFlags.Burst);
        Assert.Equal(ResponseFlags.Explained[ResponseFlags.Burst], (burst.Vi, burst.En));
        var atPoint = Assert.Single(burst.Groups);
        Assert.Equal(("service-point", s.Point.Code, s.Point.NameVi, s.Burst.Count), (atPoint.Kind, atPoint.Key, atPoint.Name, atPoint.Counts.Responses));
        var day = Assert.Single(atPoint.Days);
        Assert.Equal(("2025-09-14", "14/09/2025", 9, s.Burst.Count), (day.Day, day.DayText, Assert.Single(day.Hours).Hour, day.Hours[0].Responses));
        var near = overview.Causes.Single(c => c.Cause == ResponseFlags.NearDuplicate);
        var bySurveyor = Assert.Single(near.Groups);
        Assert.Equal(("surveyor", s.Surveyor.ToString(), s.NearDuplicate.Count), (bySurveyor.Kind, bySurveyor.Key, bySurveyor.Counts.Responses));
        // A response with two flags is in both causes.
        var straight = overview.Causes.Single(c => c.Cause == ResponseFlags.StraightLine);
        Assert.Equal(s.NearDuplicate.Count(r => r.Flags.Length == 2), straight.Counts.Responses);
        Assert.Equal(3, overview.Causes.Count);
    }

    [Fact]
    public async Task OneDecision_AGroupDecision_AndAReversal_AreStoredWithHistoryAndAudit_AndLeaveThePublishedSnapshotAlone()
    {
        var s = await Arrange();
        var published = await ResultsData.Snapshot(App, s.Wave, publish: true);
        var supervisor = await App.SignedInClient(Roles.Supervisor, "gsv-binh");
        var url = $"/api/supervisor/waves/{s.Wave.Code}/review/decisions";
        var one = s.NearDuplicate[0];

        // One response.
        var single = await supervisor.PostAsJsonAsync(url, new { decision = "exclude", reason = "Trùng phiếu số 12", responses = new[] { one.Id } }, Ct);
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        Assert.Equal((1, 0, 0), Counts(await single.Content.ReadFromJsonAsync<DecisionOutcome>(Ct)));

        // A whole group: every burst response at the service point on 14/09/2025, 09:00-09:59.
        var group = new { cause = "burst", kind = "service-point", key = s.Point.Code, day = "2025-09-14", hour = 9 };
        var bulk = await supervisor.PostAsJsonAsync(url, new { decision = "exclude", reason = "Đột biến lúc 9 giờ: cùng một máy", group }, Ct);
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        var outcome = (await bulk.Content.ReadFromJsonAsync<DecisionOutcome>(Ct))!;
        Assert.Equal((s.Burst.Count, 0, 0), Counts(outcome));
        Assert.Equal(s.Burst.Select(r => r.Id).Order(), outcome.Ids.Order());
        // The same again changes nothing.
        var again = await supervisor.PostAsJsonAsync(url, new { decision = "exclude", reason = "lại / again", group }, Ct);
        Assert.Equal((0, s.Burst.Count, 0), Counts(await again.Content.ReadFromJsonAsync<DecisionOutcome>(Ct)));

        // A reversal: the first one is kept after all.
        var keep = await supervisor.PostAsJsonAsync(url, new { decision = "keep", reason = "Đã gọi lại người dân: phiếu thật", responses = new[] { one.Id } }, Ct);
        Assert.Equal(HttpStatusCode.OK, keep.StatusCode);
        // An unflagged form may be excluded too (a fabricated one), and the answer says it had no flag.
        var fabricated = await supervisor.PostAsJsonAsync(url, new { decision = "exclude", reason = "Phiếu bịa", responses = new[] { s.Unflagged[0].Id } }, Ct);
        Assert.Equal((1, 0, 1), Counts(await fabricated.Content.ReadFromJsonAsync<DecisionOutcome>(Ct)));

        await using var db = Database.NewDb();
        var stored = await db.Responses.Where(r => r.WaveId == s.Wave.Id).ToDictionaryAsync(r => r.Id, Ct);
        Assert.Equal(ReviewDecisions.Keep, stored[one.Id].Review);
        Assert.All(s.Burst, r => Assert.Equal(ReviewDecisions.Exclude, stored[r.Id].Review));
        Assert.Equal(s.Burst.Count + 1, stored.Values.Count(r => r.Review == ReviewDecisions.Exclude));
        var history = await db.ResponseReviews.Where(r => r.ResponseId == one.Id).OrderBy(r => r.DecidedAt).ThenBy(r => r.Id).ToListAsync(Ct);
        Assert.Equal(2, history.Count);
        var (first, second) = (history.Single(h => h.Decision == "exclude"), history.Single(h => h.Decision == "keep"));
        Assert.Equal((second.Id, (Guid?)null), (first.SupersededBy, second.SupersededBy));
        Assert.Equal(("gsv-binh", "Đã gọi lại người dân: phiếu thật"), (second.DecidedBy, second.Reason));
        Assert.Equal(s.Burst.Count + 3, await db.AuditEntries.CountAsync(a => a.Action == "review" && a.UserName == "gsv-binh", Ct));
        var audit = await db.AuditEntries.Where(a => a.Action == "review" && a.EntityId == one.Id.ToString()).OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(["exclude", "keep"], audit.Select(a => a.After!.RootElement.GetProperty("review").GetString()));

        // The history as the screen reads it, newest first.
        var read = await supervisor.GetFromJsonAsync<ReviewHistory>($"/api/supervisor/responses/{one.Id}/reviews", Ct);
        Assert.Equal(["keep", "exclude"], read!.Decisions.Select(d => d.Decision));
        Assert.Equal([true, false], read.Decisions.Select(d => d.InForce));
        Assert.Matches(@"^\d\d:\d\d \d\d/\d\d/\d{4}$", read.Decisions[0].DecidedAtText);

        // The group's listing with decisions in force, paged.
        var page = await supervisor.GetFromJsonAsync<FlaggedPage>(
            $"/api/supervisor/waves/{s.Wave.Code}/review/responses?cause=burst&kind=service-point&key={s.Point.Code}&decision=exclude&pageSize=5", Ct);
        Assert.Equal((s.Burst.Count, 5), (page!.Total, page.Items.Count));
        Assert.All(page.Items, i => Assert.Equal(("exclude", "Đột biến lúc 9 giờ: cùng một máy"), (i.Decision!.Decision, i.Decision.Reason)));
        Assert.All(page.Items, i => Assert.Equal("burst", Assert.Single(i.Flags).Code));
        var raw = await supervisor.GetStringAsync($"/api/supervisor/waves/{s.Wave.Code}/review/responses?cause=near-duplicate", Ct);
        Assert.DoesNotContain("dossier", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("device", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("scores", raw, StringComparison.OrdinalIgnoreCase);

        // The published snapshot keeps what it said; the next one counts the decisions.
        var before = await db.Snapshots.AsNoTracking().SingleAsync(x => x.Id == published, Ct);
        Assert.Equal((0, s.Burst.Count + s.NearDuplicate.Count), (before.ResponsesExcluded, before.ResponsesFlaggedKept));
        var next = await ResultsData.Snapshot(App, s.Wave);
        var after = await db.Snapshots.AsNoTracking().SingleAsync(x => x.Id == next, Ct);
        Assert.Equal((s.Burst.Count + 1, s.NearDuplicate.Count), (after.ResponsesExcluded, after.ResponsesFlaggedKept));
        Assert.Equal(before.ResponsesCounted - s.Burst.Count - 1, after.ResponsesCounted);
    }

    [Theory]
    [InlineData("""{"decision":"exclude","reason":"","responses":["{id}"]}""", "reason")]
    [InlineData("""{"decision":"exclude","reason":"   ","responses":["{id}"]}""", "reason")]
    [InlineData("""{"decision":"exclude","responses":["{id}"]}""", "reason")]
    [InlineData("""{"decision":"exclude","reason":"{long}","responses":["{id}"]}""", "reason")]
    [InlineData("""{"decision":"maybe","reason":"x","responses":["{id}"]}""", "decision")]
    [InlineData("""{"decision":"keep","reason":"x"}""", "responses")]
    [InlineData("""{"decision":"keep","reason":"x","responses":["{id}"],"group":{"cause":"burst","kind":"surveyor"}}""", "responses")]
    [InlineData("""{"decision":"keep","reason":"x","responses":["not-a-uuid"]}""", "responses[0]")]
    [InlineData("""{"decision":"keep","reason":"x","responses":["{id}","00000000-0000-0000-0000-000000000001"]}""", "responses[1]")]
    [InlineData("""{"decision":"keep","reason":"x","group":{"cause":"nope","kind":"surveyor"}}""", "group.cause")]
    [InlineData("""{"decision":"keep","reason":"x","group":{"cause":"burst","kind":"service-point","key":"NOPE"}}""", "group")]
    [InlineData("""{"decision":"keep","reason":"x","group":{"cause":"burst","kind":"service-point","hour":25,"day":"2025-09-14"}}""", "group.hour")]
    [InlineData("""{"decision":"keep","reason":"x","responses":["{id}"],"note":"hi"}""", "note")]
    public async Task BadDecisions_AreRefusedByField_AndStoreNothing(string body, string field)
    {
        var s = await Arrange();
        var supervisor = await App.SignedInClient(Roles.Supervisor);
        await using var db = Database.NewDb();
        var audits = await db.AuditEntries.CountAsync(Ct);
        var json = body.Replace("{id}", s.Burst[0].Id.ToString()).Replace("{long}", new string('x', 501));

        var response = await supervisor.PostAsync($"/api/supervisor/waves/{s.Wave.Code}/review/decisions",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Contains(" / ", problem.GetProperty("title").GetString());
        Assert.Equal(0, await db.ResponseReviews.CountAsync(Ct));
        Assert.Equal(0, await db.Responses.CountAsync(r => r.Review != null, Ct));
        Assert.Equal(audits, await db.AuditEntries.CountAsync(Ct));
    }

    [Fact]
    public async Task AReasonOf500Characters_InDecomposedForm_IsStoredInNfc()
    {
        var s = await Arrange();
        var supervisor = await App.SignedInClient(Roles.Supervisor);
        var reason = "Phie\u0302\u0301u " + new string('x', 494);   // 502 characters as sent, 500 once composed ("Phiếu ")

        var response = await supervisor.PostAsJsonAsync($"/api/supervisor/waves/{s.Wave.Code}/review/decisions",
            new { decision = "exclude", reason, responses = new[] { s.Burst[0].Id } }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = Database.NewDb();
        Assert.Equal("Phiếu " + new string('x', 494), (await db.ResponseReviews.SingleAsync(Ct)).Reason);
    }

    [Theory]
    [InlineData(Roles.Surveyor)]
    [InlineData(Roles.Analyst)]
    public async Task SurveyorsAndAnalysts_AreRefused(string role)
    {
        var s = await Arrange();
        var client = await App.SignedInClient(role);

        var list = await client.GetAsync($"/api/supervisor/waves/{s.Wave.Code}/review", Ct);
        var decide = await client.PostAsJsonAsync($"/api/supervisor/waves/{s.Wave.Code}/review/decisions",
            new { decision = "exclude", reason = "x", responses = new[] { s.Burst[0].Id } }, Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (list.StatusCode, decide.StatusCode));
        await using var db = Database.NewDb();
        Assert.Equal(0, await db.ResponseReviews.CountAsync(Ct));
    }

    private static (int, int, int) Counts(DecisionOutcome? o) => (o!.Decided, o.Unchanged, o.Unflagged);
}
