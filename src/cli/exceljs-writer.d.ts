/** ExcelJS's streaming workbook writer by itself (the class the package exports as stream.xlsx.WorkbookWriter). */
declare module "exceljs/lib/stream/xlsx/workbook-writer.js" {
  import type * as ExcelJS from "exceljs";
  const WorkbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter;
  export = WorkbookWriter;
}
