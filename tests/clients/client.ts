// A client generated from /openapi/v1.json (openapi-typescript types, openapi-fetch calls) against a running server:
// log in, list, download, upload. Exits non-zero on the first thing that does not work as the document says.
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./generated/api.js";

const baseUrl = process.argv[2];
if (!baseUrl) throw new Error("usage: node out/client.js http://127.0.0.1:PORT");
const api = createClient<paths>({ baseUrl });

function check(ok: unknown, what: string, detail?: unknown): asserts ok {
  if (!ok) throw new Error(`${what}${detail === undefined ? "" : `: ${JSON.stringify(detail)}`}`);
  console.log(`ok   ${what}`);
}

// Login: POST /api/v1/auth/token, then every call carries the bearer token.
const wrong = await api.POST("/api/v1/auth/token", { body: { userName: "district.admin", password: "wrong" } });
check(wrong.response.status === 401 && wrong.error?.title, "a wrong password is a 401 ProblemDetails", wrong.error);
const login = await api.POST("/api/v1/auth/token", { body: { userName: "district.admin", password: "Demo@2018" } });
check(login.data, "login (createAuthToken)", login.error);
const token: string = login.data.accessToken;
const bearer: Middleware = { onRequest: ({ request }) => { request.headers.set("Authorization", `Bearer ${token}`); return request; } };
api.use(bearer);

// A list.
const contracts = await api.GET("/api/v1/org-contracts", { params: { query: { pageSize: 5 } } });
check(contracts.data && contracts.data.items.length > 0, "list org contracts (listOrgContracts)", contracts.error);
const first = contracts.data.items[0];
check(first !== undefined && typeof first.id === "number", "an org contract's id is a number", first);

// Downloads: the contract as PDF, the unit register as .xlsx.
const pdf = await api.GET("/api/v1/org-contracts/{id}/pdf", { params: { path: { id: first.id } }, parseAs: "arrayBuffer" });
check(pdf.data && pdf.response.headers.get("content-type") === "application/pdf", "download the contract PDF (getOrgContractPdf)", pdf.response.status);
check(new TextDecoder().decode(pdf.data.slice(0, 5)) === "%PDF-", "the PDF starts with %PDF-");
const units = await api.GET("/api/v1/exports/{list}", { params: { path: { list: "units" }, query: { q: "律师" } }, parseAs: "blob" });
check(units.data && units.data.size > 0 && units.response.headers.get("content-type")?.startsWith("application/vnd.openxmlformats"),
  "download the unit register .xlsx (getExport)", units.response.status);

// Uploads (multipart/form-data): the register back into the unit import, which reads every row and refuses the
// duplicates by name; the PDF as a project document, which is stored.
const multipart = (field: string, file: Blob, name: string) => () => { const form = new FormData(); form.append(field, file, name); return form; };
const imported = await api.POST("/api/v1/imports/{kind}", {
  params: { path: { kind: "units" } },
  body: { file: "" }, // the form is built by bodySerializer; binary fields are typed string
  bodySerializer: multipart("file", units.data, "units.xlsx"),
});
check(imported.response.status === 400 && imported.error?.detail?.includes("已有同名单位"),
  "upload to the unit import (createImport): every row read, duplicates refused", imported.error ?? imported.data);
const projects = await api.GET("/api/v1/projects", { params: { query: { pageSize: 1, status: "InProgress" } } });
const project = projects.data?.items[0];
check(project, "list projects (listProjects)", projects.error);
const stored = await api.POST("/api/v1/projects/{id}/documents", {
  params: { path: { id: project.id } },
  body: { file: [] },
  bodySerializer: multipart("file", new Blob([pdf.data], { type: "application/pdf" }), "协议.pdf"),
});
check(stored.response.status === 201 && stored.data?.[0]?.contentType === "application/pdf",
  "upload a project document (createProjectDocument)", stored.error ?? stored.data);

// A quoted number is not a number.
const quoted = await fetch(`${baseUrl}/api/v1/projects/${project.id}/ratings`, {
  method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: '{"score":"5"}',
});
check(quoted.status === 400 && quoted.headers.get("content-type")?.startsWith("application/problem+json"), "a quoted number is a 400 ProblemDetails", quoted.status);
console.log("client: all calls as documented");
