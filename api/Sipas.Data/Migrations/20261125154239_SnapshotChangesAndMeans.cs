using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipas.Data.Migrations
{
    /// <inheritdoc />
    public partial class SnapshotChangesAndMeans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "mean_score",
                schema: "sipas",
                table: "snapshot_results",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "mean_score_se",
                schema: "sipas",
                table: "snapshot_results",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "snapshot_changes",
                schema: "sipas",
                columns: table => new
                {
                    snapshot_id = table.Column<int>(type: "integer", nullable: false),
                    channel = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    indicator = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    previous_wave = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    previous_snapshot_id = table.Column<int>(type: "integer", nullable: false),
                    previous_published = table.Column<bool>(type: "boolean", nullable: false),
                    before = table.Column<double>(type: "double precision", nullable: true),
                    before_se = table.Column<double>(type: "double precision", nullable: true),
                    after = table.Column<double>(type: "double precision", nullable: true),
                    after_se = table.Column<double>(type: "double precision", nullable: true),
                    difference = table.Column<double>(type: "double precision", nullable: true),
                    difference_se = table.Column<double>(type: "double precision", nullable: true),
                    z = table.Column<double>(type: "double precision", nullable: true),
                    p_value = table.Column<double>(type: "double precision", nullable: true),
                    significant = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_snapshot_changes", x => new { x.snapshot_id, x.channel, x.indicator });
                    table.ForeignKey(
                        name: "fk_snapshot_changes_snapshots_previous_snapshot_id",
                        column: x => x.previous_snapshot_id,
                        principalSchema: "sipas",
                        principalTable: "snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_snapshot_changes_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalSchema: "sipas",
                        principalTable: "snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_snapshot_changes_previous_snapshot_id",
                schema: "sipas",
                table: "snapshot_changes",
                column: "previous_snapshot_id");

            // A published snapshot's changes are as immutable as its other rows (see the Snapshots migration).
            migrationBuilder.Sql("""
                CREATE TRIGGER snapshot_changes_insert_immutable_when_published AFTER INSERT ON sipas.snapshot_changes
                    REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION sipas.snapshot_rows_immutable_when_published();
                CREATE TRIGGER snapshot_changes_update_immutable_when_published AFTER UPDATE ON sipas.snapshot_changes
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION sipas.snapshot_rows_immutable_when_published();
                CREATE TRIGGER snapshot_changes_delete_immutable_when_published AFTER DELETE ON sipas.snapshot_changes
                    REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION sipas.snapshot_rows_immutable_when_published();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "snapshot_changes",
                schema: "sipas");

            migrationBuilder.DropColumn(
                name: "mean_score",
                schema: "sipas",
                table: "snapshot_results");

            migrationBuilder.DropColumn(
                name: "mean_score_se",
                schema: "sipas",
                table: "snapshot_results");
        }
    }
}
