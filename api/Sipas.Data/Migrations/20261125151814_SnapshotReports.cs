using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipas.Data.Migrations
{
    /// <inheritdoc />
    public partial class SnapshotReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "snapshot_reports",
                schema: "sipas",
                columns: table => new
                {
                    snapshot_id = table.Column<int>(type: "integer", nullable: false),
                    language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    progress = table.Column<int>(type: "integer", nullable: false),
                    phase = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    pdf = table.Column<byte[]>(type: "bytea", nullable: true),
                    sha256 = table.Column<byte[]>(type: "bytea", nullable: true),
                    rendered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    job_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_snapshot_reports", x => new { x.snapshot_id, x.language });
                    table.CheckConstraint("ck_snapshot_reports_language", "language IN ('vi', 'en')");
                    table.CheckConstraint("ck_snapshot_reports_progress", "progress BETWEEN 0 AND 100");
                    table.ForeignKey(
                        name: "fk_snapshot_reports_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalSchema: "sipas",
                        principalTable: "snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "snapshot_reports",
                schema: "sipas");
        }
    }
}
