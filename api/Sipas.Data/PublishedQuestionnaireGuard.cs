using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Sipas.Data;

/// <summary>Thrown when a change would alter or delete a published questionnaire version.</summary>
public sealed class PublishedQuestionnaireException(string key)
    : InvalidOperationException(
        $"Phiếu khảo sát {key} đã được ban hành và không thể sửa đổi; hãy tạo một phiên bản mới. / " +
        $"Questionnaire {key} is published and cannot be changed; create a new version.")
{
    public string Key { get; } = key;
}

/// <summary>
/// A published version may only move to retired; its definition, codes and texts never change. The database
/// trigger <c>questionnaires_immutable_when_published</c> enforces the same rule for writers outside EF.
/// </summary>
internal static class PublishedQuestionnaireGuard
{
    private static readonly HashSet<string> MutableWhenPublished =
        [nameof(QuestionnaireVersion.Status), nameof(QuestionnaireVersion.RetiredAt)];

    public static void Check(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<QuestionnaireVersion>())
        {
            var wasPublished = entry.State is EntityState.Modified or EntityState.Deleted
                && entry.OriginalValues.GetValue<QuestionnaireStatus>(nameof(QuestionnaireVersion.Status))
                    != QuestionnaireStatus.Draft;
            if (!wasPublished) continue;
            if (entry.State == EntityState.Deleted) throw new PublishedQuestionnaireException(entry.Entity.Key);

            var changed = entry.Properties.Where(p => p.IsModified && !MutableWhenPublished.Contains(p.Metadata.Name));
            if (changed.Any() || DefinitionChanged(entry) || entry.Entity.Status == QuestionnaireStatus.Draft)
                throw new PublishedQuestionnaireException(entry.Entity.Key);
        }
    }

    // JsonDocument is compared by reference by the change tracker: a replaced document shows as modified above,
    // but a caller could not mutate one in place, so reference inequality is enough.
    private static bool DefinitionChanged(EntityEntry<QuestionnaireVersion> entry) =>
        !ReferenceEquals(entry.OriginalValues[nameof(QuestionnaireVersion.Definition)], entry.Entity.Definition);
}
