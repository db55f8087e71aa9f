/** ExcelJS's browser build (a UMD bundle of the same library): the Node package's types apply. */
declare module "exceljs/dist/exceljs.min.js" {
  import * as ExcelJS from "exceljs";
  export = ExcelJS;
}
