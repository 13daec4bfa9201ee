using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Sipas.Data;

/// <summary>Thrown when a change would alter or delete a published snapshot or its rows.</summary>
public sealed class PublishedSnapshotException(int id)
    : InvalidOperationException(
        $"Kết quả #{id} đã được công bố và không thể sửa đổi; hãy tính một bản mới. / " +
        $"Snapshot {id} is published and cannot be changed; compute a new one.")
{
    public int SnapshotId { get; } = id;
}

/// <summary>
/// A published snapshot never changes: not its parameters, not its rows. The database triggers
/// <c>snapshots_immutable_when_published</c> and <c>snapshot_rows_immutable_when_published</c> enforce the same
/// rule for writers outside EF (binary COPY, <c>ExecuteUpdate</c>, psql).
/// </summary>
internal static class PublishedSnapshotGuard
{
    public static void Check(SipasDb db, ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<Snapshot>())
            if (entry.State is EntityState.Modified or EntityState.Deleted
                && entry.OriginalValues.GetValue<DateTimeOffset?>(nameof(Snapshot.PublishedAt)) is not null)
                throw new PublishedSnapshotException(entry.Entity.Id);

        var touched = tracker.Entries<SnapshotResult>().Where(Changed).Select(e => e.Entity.SnapshotId)
            .Concat(tracker.Entries<SnapshotVerdict>().Where(Changed).Select(e => e.Entity.SnapshotId))
            .Concat(tracker.Entries<SnapshotChange>().Where(Changed).Select(e => e.Entity.SnapshotId))
            .Distinct().ToList();
        if (touched.Count == 0) return;
        var published = db.Snapshots.AsNoTracking().Where(s => touched.Contains(s.Id) && s.PublishedAt != null)
            .Select(s => s.Id).FirstOrDefault();
        if (published != 0) throw new PublishedSnapshotException(published);
    }

    private static bool Changed(EntityEntry entry) => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;
}
