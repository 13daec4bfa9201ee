import '../shared/base.css';
import '../shared/figures.css';
import './dashboard/dashboard.css';
import { browserStore } from '../shared/storage';
import { registerStaffWorker } from './offline/register';
import { startStaff } from './staff';

startStaff(document, browserStore());
registerStaffWorker();
