using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoBuild.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServiceMenu : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PersonalContractItems_Needs_NeedId",
                table: "PersonalContractItems");

            // Services signed so far were needs; their titles stay on the contract, the link to a need cannot become one to a service.
            migrationBuilder.Sql("UPDATE \"PersonalContractItems\" SET \"NeedId\" = NULL;");

            migrationBuilder.RenameColumn(
                name: "NeedId",
                table: "PersonalContractItems",
                newName: "ServiceItemId");

            migrationBuilder.RenameIndex(
                name: "IX_PersonalContractItems_NeedId",
                table: "PersonalContractItems",
                newName: "IX_PersonalContractItems_ServiceItemId");

            migrationBuilder.CreateTable(
                name: "ServiceItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommunityId = table.Column<int>(type: "INTEGER", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceItems_OrgUnits_CommunityId",
                        column: x => x.CommunityId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceItems_CommunityId_Title",
                table: "ServiceItems",
                columns: new[] { "CommunityId", "Title" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceItems_DistrictId_Path",
                table: "ServiceItems",
                columns: new[] { "DistrictId", "Path" });

            migrationBuilder.AddForeignKey(
                name: "FK_PersonalContractItems_ServiceItems_ServiceItemId",
                table: "PersonalContractItems",
                column: "ServiceItemId",
                principalTable: "ServiceItems",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PersonalContractItems_ServiceItems_ServiceItemId",
                table: "PersonalContractItems");

            migrationBuilder.Sql("UPDATE \"PersonalContractItems\" SET \"ServiceItemId\" = NULL;");

            migrationBuilder.DropTable(
                name: "ServiceItems");

            migrationBuilder.RenameColumn(
                name: "ServiceItemId",
                table: "PersonalContractItems",
                newName: "NeedId");

            migrationBuilder.RenameIndex(
                name: "IX_PersonalContractItems_ServiceItemId",
                table: "PersonalContractItems",
                newName: "IX_PersonalContractItems_NeedId");

            migrationBuilder.AddForeignKey(
                name: "FK_PersonalContractItems_Needs_NeedId",
                table: "PersonalContractItems",
                column: "NeedId",
                principalTable: "Needs",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
