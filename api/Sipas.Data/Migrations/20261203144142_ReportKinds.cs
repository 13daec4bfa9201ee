using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipas.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_snapshot_reports",
                schema: "sipas",
                table: "snapshot_reports");

            migrationBuilder.AddColumn<string>(
                name: "kind",
                schema: "sipas",
                table: "snapshot_reports",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "province");

            migrationBuilder.AddPrimaryKey(
                name: "pk_snapshot_reports",
                schema: "sipas",
                table: "snapshot_reports",
                columns: new[] { "snapshot_id", "kind", "language" });

            migrationBuilder.AddCheckConstraint(
                name: "ck_snapshot_reports_kind",
                schema: "sipas",
                table: "snapshot_reports",
                sql: "kind IN ('province', 'agency-scorecards', 'commune-scorecards')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_snapshot_reports",
                schema: "sipas",
                table: "snapshot_reports");

            migrationBuilder.DropCheckConstraint(
                name: "ck_snapshot_reports_kind",
                schema: "sipas",
                table: "snapshot_reports");

            migrationBuilder.DropColumn(
                name: "kind",
                schema: "sipas",
                table: "snapshot_reports");

            migrationBuilder.AddPrimaryKey(
                name: "pk_snapshot_reports",
                schema: "sipas",
                table: "snapshot_reports",
                columns: new[] { "snapshot_id", "language" });
        }
    }
}
