import '../shared/base.css';
import './dashboard.css';
import { browserStore } from '../shared/storage';
import { startStaff } from './staff';

startStaff(document, browserStore());
